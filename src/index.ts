import { ConfigError, loadConfig } from './config';
import { startApp } from './app';
import { loadEnvFile } from './env-file';
import { createLogger } from './lib/logger';
import { stopWhenNpmParentExits } from './lib/parent-watch';

/** Entry point: read `.env` and the environment, start, and stop gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
    let config;
    let envFile: string | undefined;
    try {
        envFile = loadEnvFile();
        config = loadConfig();
    } catch (err) {
        if (err instanceof ConfigError || (err instanceof Error && err.message.startsWith('DESKBRIDGE_ENV_FILE'))) {
            process.stderr.write(`${err.message}\n`);
            process.exit(1);
        }
        throw err;
    }
    const logger = createLogger(config.LOG_LEVEL);
    if (envFile) logger.info({ file: envFile }, `settings read from ${envFile} (variables set in the environment win)`);
    if (config.anonymousBot) {
        logger.warn(
            `BOT_ID is empty: anonymous Bot Framework mode, for local use with the Agents Playground. No Bot Framework token is checked: ` +
                `any program that can reach ${config.HOST}:${config.PORT} is trusted, and only activities whose serviceUrl is on this machine (127.0.0.1, localhost, [::1]) are taken. ` +
                (config.ADMIN_USERS.length === 0
                    ? 'ADMIN_USERS is empty, so every user is an admin.'
                    : 'ADMIN_USERS is matched against the Entra object id the activity names and the email/UPN of the roster at its serviceUrl.')
        );
    }
    const app = await startApp(config, logger);
    let stopping = false;
    const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        // Bounds the shutdown, and keeps the event loop alive meanwhile: the last steps wait on
        // unreferenced handles (the WAL checkpoint thread), and node would otherwise exit before
        // "Deskbridge stopped" is logged.
        const deadline = setTimeout(() => {
            logger.error({ signal }, 'shutdown took longer than 30 s; exiting');
            process.exit(1);
        }, 30_000);
        app.stop().then(
            () => {
                clearTimeout(deadline);
                process.exit(0);
            },
            (err: unknown) => {
                logger.error({ err }, 'shutdown failed');
                process.exit(1);
            }
        );
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
    stopWhenNpmParentExits(() => shutdown('npm exited'));
}

main().catch((err: unknown) => {
    process.stderr.write(`Deskbridge failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
});
