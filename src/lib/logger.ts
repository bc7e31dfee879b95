import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * Paths that may carry credentials. pino replaces them before a line is written, so a secret
 * never reaches stdout even when a whole request or config object is logged by mistake.
 */
const REDACT_PATHS = [
    'req.headers.authorization',
    'req.headers["x-api-key"]',
    'req.headers["x-hub-signature"]',
    'req.headers["x-hub-signature-256"]',
    'req.headers["x-zendesk-webhook-signature"]',
    'req.query.token',
    'headers.authorization',
    'headers.Authorization',
    'headers["x-api-key"]',
    'config.headers.Authorization',
    '*.password',
    '*.token',
    '*.accessToken',
    '*.access_token',
    '*.clientSecret',
    '*.apiKey',
    '*.BOT_PASSWORD',
    '*.ADMIN_API_KEY',
    '*.INTERCOM_ACCESS_TOKEN',
    '*.INTERCOM_CLIENT_SECRET',
    '*.KOMMO_ACCESS_TOKEN',
    '*.KOMMO_WEBHOOK_TOKEN',
    '*.N8N_API_KEY',
    '*.N8N_CALLBACK_TOKEN',
    '*.LEADS_API_KEY'
];

/** Creates the process logger (JSON lines on stdout, or a given destination in tests). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
    return pino({ level, redact: { paths: REDACT_PATHS, censor: '[redacted]' }, base: { app: 'deskbridge' } }, destination);
}
