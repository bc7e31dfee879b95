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
        logger.warn('BOT_ID is empty: anonymous Bot Framework mode for local use (Agents Playground). Every user is an admin unless ADMIN_USERS is set.');
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
