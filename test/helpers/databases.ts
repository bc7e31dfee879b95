import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { MACHINE_POSTGRES_URL } from './postgres-server';
import { schemaPrefix } from './test-run';
import { migrateToLatest, openDatabase, type Db } from '../../src/store/database';

/**
 * The PostgreSQL server of this test run: the global fixture (test/helpers/postgres-bootstrap.ts)
 * sets TEST_DATABASE_URL before the first test, to the machine's server or one it started.
 */
export function testPostgresUrl(): string {
    return process.env.TEST_DATABASE_URL ?? MACHINE_POSTGRES_URL;
}

export type Engine = 'sqlite' | 'postgres';
export const ENGINES: Engine[] = ['sqlite', 'postgres'];

/** A fresh, migrated database: a temp SQLite file, or a PostgreSQL schema of its own. */
export interface TestDatabase {
    db: Db;
    /** What to pass as DATABASE_URL to a server or child process that must share this database. */
    url: string;
    /** PostgreSQL schema, to pass to `openDatabase` in another process. */
    schema?: string;
    /** Re-opens the same database, as a restarted process would. */
    reopen(): Promise<Db>;
    dispose(): Promise<void>;
}

let counter = 0;

/** Creates an isolated database on the given engine, migrated to the latest version. */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
    if (engine === 'sqlite') {
        const dir = mkdtempSync(join(tmpdir(), 'deskbridge-test-'));
        const file = join(dir, 'test.db');
        const open = () => openDatabase({ kind: 'sqlite', file });
        const db = await open();
        await migrateToLatest(db);
        return {
            db,
            url: `sqlite:${file}`,
            reopen: open,
            async dispose() {
                await db.close();
                rmSync(dir, { recursive: true, force: true });
            }
        };
    }
    const schema = `${schemaPrefix()}${Date.now().toString(36)}_${counter++}`;
    const baseUrl = testPostgresUrl();
    const target = { kind: 'postgres' as const, url: baseUrl };
    const open = () => openDatabase(target, { schema });
    const db = await open();
    await migrateToLatest(db);
    return {
        db,
        url: `${baseUrl}${baseUrl.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        schema,
        reopen: open,
        async dispose() {
            await db.close();
            const client = new pg.Client({ connectionString: baseUrl });
            await client.connect();
            try {
                await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
            } finally {
                await client.end();
            }
        }
    };
}
