import { Writable } from 'node:stream';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type RunningApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/lib/logger';

export interface TestApp extends RunningApp {
    /** Every log line the app wrote, as text (for leak checks and diagnostics). */
    logs: string[];
    /** The DATABASE_URL it runs on (to restart on the same data, or point a CLI at it). */
    databaseUrl: string;
}

/**
 * Starts the real Deskbridge on 127.0.0.1 with an ephemeral port. With no DATABASE_URL, each app
 * gets a fresh SQLite file; pass the same URL to restart on the same data.
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
    const logs: string[] = [];
    const sink = new Writable({
        write(chunk: Buffer, _enc, done) {
            logs.push(chunk.toString('utf8'));
            done();
        }
    });
    const databaseUrl = env.DATABASE_URL ?? `sqlite:${join(mkdtempSync(join(tmpdir(), 'deskbridge-app-')), 'app.db')}`;
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'debug', ...env, DATABASE_URL: databaseUrl });
    const app = await startApp(config, createLogger(config.LOG_LEVEL, sink));
    return Object.assign(app, { logs, databaseUrl });
}

/** A SQLite URL in a fresh temp folder, for tests that restart an app on the same data. */
export function tempSqliteUrl(): string {
    return `sqlite:${join(mkdtempSync(join(tmpdir(), 'deskbridge-app-')), 'app.db')}`;
}
