import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { migrateToLatest, openDatabase, type Db } from '../../src/store/database';

/** The PostgreSQL server of the development and CI machines (trust auth, database `test`). */
export const TEST_POSTGRES_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

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
    const schema = `t_${process.pid}_${Date.now().toString(36)}_${counter++}`;
    const target = { kind: 'postgres' as const, url: TEST_POSTGRES_URL };
    const open = () => openDatabase(target, { schema });
    const db = await open();
    await migrateToLatest(db);
    return {
        db,
        url: `${TEST_POSTGRES_URL}${TEST_POSTGRES_URL.includes('?') ? '&' : '?'}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
        schema,
        reopen: open,
        async dispose() {
            await db.close();
            const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
            await client.connect();
            try {
                await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
            } finally {
                await client.end();
            }
        }
    };
}
