import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { killTrackedChildren } from './children';
import { resolveTestPostgres, TestPostgresUnreachable, type TestPostgres } from './postgres-server';

/**
 * Mocha global fixture for the whole run, so that a run leaves nothing behind even when tests fail:
 * - every temporary folder lives under one run folder (TMPDIR points there, child processes
 *   inherit it), removed at the end;
 * - child processes registered with `trackChild` are killed;
 * - PostgreSQL: TEST_DATABASE_URL is set to the server the suites use (see postgres-server.ts),
 *   the schemas this run created there are dropped, and an embedded server is stopped and deleted.
 */
let server: TestPostgres | undefined;
let runDir: string | undefined;
const originalTmpdir = process.env.TMPDIR;

/** Prefix of the PostgreSQL schemas this process creates (test/helpers/databases.ts). */
export function schemaPrefix(): string {
    return `t_${process.pid}_`;
}

function say(line: string): void {
    process.stderr.write(`[test run] ${line}\n`);
}

export async function mochaGlobalSetup(): Promise<void> {
    runDir = mkdtempSync(join(tmpdir(), 'deskbridge-run-'));
    // The embedded server runs as the `postgres` user when the tests run as root: it must enter.
    chmodSync(runDir, 0o755);
    process.env.TMPDIR = runDir;
    try {
        server = await resolveTestPostgres({ envUrl: process.env.TEST_DATABASE_URL || undefined, log: say });
    } catch (err) {
        // One clear line, then stop: every PostgreSQL suite would fail the same way.
        say(err instanceof TestPostgresUnreachable ? err.message : `cannot provide PostgreSQL: ${(err as Error).message}`);
        rmSync(runDir, { recursive: true, force: true });
        process.exit(1);
    }
    process.env.TEST_DATABASE_URL = server.url;
    if (server.origin === 'embedded') say(`embedded PostgreSQL on ${new URL(server.url).host} for this run`);
}

async function dropOwnSchemas(url: string): Promise<void> {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    try {
        await client.connect();
        const { rows } = await client.query<{ nspname: string }>(`SELECT nspname FROM pg_namespace WHERE starts_with(nspname, $1)`, [schemaPrefix()]);
        for (const { nspname } of rows) await client.query(`DROP SCHEMA IF EXISTS "${nspname}" CASCADE`);
        if (rows.length > 0) say(`dropped ${rows.length} schema(s) a failed test left`);
    } finally {
        await client.end().catch(() => undefined);
    }
}

export async function mochaGlobalTeardown(): Promise<void> {
    const killed = await killTrackedChildren();
    if (killed > 0) say(`killed ${killed} child process(es) a test left running`);
    if (server && server.origin !== 'embedded') await dropOwnSchemas(server.url).catch((err: Error) => say(`could not drop this run's schemas: ${err.message}`));
    await server?.stop();
    server = undefined;
    if (originalTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = originalTmpdir;
    if (runDir) rmSync(runDir, { recursive: true, force: true });
    runDir = undefined;
}
