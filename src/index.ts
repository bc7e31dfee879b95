import { ConfigError, loadConfig } from './config';
import { startApp } from './app';
import { createLogger } from './lib/logger';

/** Entry point: read the environment, start, and stop gracefully on SIGTERM/SIGINT. */
async function main(): Promise<void> {
    let config;
    try {
        config = loadConfig();
    } catch (err) {
        if (err instanceof ConfigError) {
            process.stderr.write(`${err.message}\n`);
            process.exit(1);
        }
        throw err;
    }
    const logger = createLogger(config.LOG_LEVEL);
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
        app.stop().then(
            () => process.exit(0),
            (err: unknown) => {
                logger.error({ err }, 'shutdown failed');
                process.exit(1);
            }
        );
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
}

main().catch((err: unknown) => {
    process.stderr.write(`Deskbridge failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
});
