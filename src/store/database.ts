import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config';
import { filesystemTypeOf, networkFilesystemName, UnsafeSqliteLocationError } from './network-filesystem';
import { LATEST_MIGRATION, migrationProvider, type Dialect } from './migrations/index';
import type { Database } from './schema';
import { withStatementCache } from './statement-cache';
import { startWalCheckpointer, type WalCheckpointer } from './wal-checkpointer';

/** An open database with the engine it runs on. */
export interface Db {
    readonly kysely: Kysely<Database>;
    readonly dialect: Dialect;
    /** PostgreSQL schema the tables live in, when not the default one. */
    readonly schema?: string;
    /**
     * The SQLite handle, for hot paths that use prepared statements. Use it only inside
     * `kysely.connection().execute(…)`, which holds the single connection, so that it never runs
     * in the middle of a Kysely transaction.
     */
    readonly sqlite?: BetterSqlite3.Database;
    /** Throws unless the database answers and every migration is applied. */
    checkReady(): Promise<void>;
    close(): Promise<void>;
}

export interface OpenOptions {
    /** PostgreSQL only: run in this schema (created if missing). Tests use one schema per run. */
    schema?: string;
    /** PostgreSQL pool size. */
    poolSize?: number;
    /**
     * SQLite file only: checkpoint the write-ahead log on a thread of its own (the running app),
     * reporting failures here. Without it SQLite checkpoints inside commits (tools, tests).
     */
    onBackgroundCheckpointError?: (err: Error) => void;
    /** SQLite only: the `statfs` type of a folder (tests stand in a network filesystem). */
    filesystemTypeOf?: (folder: string) => number | undefined;
}

/** The configured database does not answer (down, wrong host or port, refused credentials). */
export class DatabaseUnreachableError extends Error {
    constructor(url: string, reason: string) {
        super(`database unreachable: ${redactUrl(url)} (${reason}). Check DATABASE_URL and that the server is running and accepts this machine.`);
        this.name = 'DatabaseUnreachableError';
    }
}

/** A connection URL with its password replaced, for messages and logs. */
export function redactUrl(url: string): string {
    try {
        const parsed = new URL(url);
        if (parsed.password) parsed.password = '***';
        return parsed.toString();
    } catch {
        return '(a URL that cannot be parsed)';
    }
}

/** A PostgreSQL server answers a first connection within this time, or counts as unreachable. */
const CONNECT_TIMEOUT_MS = 10_000;

/** BIGINT columns hold epoch milliseconds, well inside Number's safe range: read them as numbers. */
const pgTypes = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
        if (oid === pg.types.builtins.INT8) return (v: string) => Number(v);
        return pg.types.getTypeParser(oid, format);
    }
};

/** Opens SQLite (WAL) or PostgreSQL as configured. Does not migrate: see {@link migrateToLatest}. */
export async function openDatabase(target: Config['database'], options: OpenOptions = {}): Promise<Db> {
    if (target.kind === 'sqlite') {
        if (target.file !== ':memory:') {
            mkdirSync(dirname(target.file), { recursive: true });
            const type = (options.filesystemTypeOf ?? filesystemTypeOf)(dirname(target.file));
            const network = type === undefined ? undefined : networkFilesystemName(type);
            if (network) throw new UnsafeSqliteLocationError(target.file, network);
        }
        const sqlite = new BetterSqlite3(target.file);
        // A new file lets the prune give freed pages back to the disk (see store/reclaim-space.ts);
        // SQLite accepts the mode only before the first table exists.
        if (Number(sqlite.pragma('page_count', { simple: true })) === 0) sqlite.pragma('auto_vacuum = INCREMENTAL');
        sqlite.pragma('journal_mode = WAL');
        sqlite.pragma('synchronous = NORMAL');
        sqlite.pragma('busy_timeout = 5000');
        sqlite.pragma('foreign_keys = ON');
        const checkpointer = options.onBackgroundCheckpointError && target.file !== ':memory:' ? startWalCheckpointer(sqlite, target.file, options.onBackgroundCheckpointError) : undefined;
        const kysely = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
        return wrap(kysely, 'sqlite', undefined, sqlite, checkpointer);
    }
    const schema = options.schema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error('schema must be a plain lower-case identifier');
    // One connection first, so that a server that is down says so (not "migration failed").
    const admin = new pg.Client({ connectionString: target.url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    admin.on('error', () => undefined);
    try {
        await admin.connect();
    } catch (err) {
        await admin.end().catch(() => undefined);
        const e = err as NodeJS.ErrnoException;
        throw new DatabaseUnreachableError(target.url, e.code ?? e.message);
    }
    try {
        if (schema) await admin.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
        await admin.end();
    }
    const pool = new pg.Pool({
        connectionString: target.url,
        connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
        max: options.poolSize ?? 10,
        types: pgTypes,
        ...(schema ? { options: `-c search_path=${schema}` } : {})
    });
    // An idle client that loses its server must not crash the process; the next query reconnects.
    pool.on('error', () => undefined);
    const kysely = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return wrap(kysely, 'postgres', schema);
}

/**
 * Kysely's migrator looks for its own tables in every schema unless told which one: with several
 * schemas in one database (tests, or tenants) it must be told, or it skips creating them.
 */
function migratorFor(kysely: Kysely<Database>, dialect: Dialect, schema: string | undefined): Migrator {
    return new Migrator({ db: kysely, provider: migrationProvider(dialect), ...(schema ? { migrationTableSchema: schema } : {}) });
}

function wrap(kysely: Kysely<Database>, dialect: Dialect, schema: string | undefined, sqlite?: BetterSqlite3.Database, checkpointer?: WalCheckpointer): Db {
    let closed = false;
    return {
        kysely,
        dialect,
        schema,
        sqlite,
        async checkReady() {
            await sql`select 1`.execute(kysely);
            const migrations = await migratorFor(kysely, dialect, schema).getMigrations();
            const pending = migrations.filter((m) => m.executedAt === undefined);
            if (pending.length > 0 || !migrations.some((m) => m.name === LATEST_MIGRATION)) {
                throw new Error(`migrations pending: ${pending.map((m) => m.name).join(', ')}`);
            }
        },
        async close() {
            if (closed) return;
            closed = true;
            await checkpointer?.stop();
            await kysely.destroy();
        }
    };
}

/** Applies every migration not yet applied. Safe to call from several instances at once (Kysely locks). */
export async function migrateToLatest(db: Db): Promise<void> {
    const migrator = migratorFor(db.kysely, db.dialect, db.schema);
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((r) => r.status === 'Error');
    if (error || failed) {
        const reason = error instanceof Error ? error.message : String(error ?? 'unknown error');
        throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${reason}`);
    }
}
