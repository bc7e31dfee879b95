import { sql } from 'kysely';
import type { Db } from './database';

/** Pages given back per statement, and the pause between statements (4 MB at SQLite's 4 KB pages). */
const PAGES_PER_STEP = 1000;
const PAUSE_MS = 5;

/**
 * Gives the pages a prune freed back to the disk, a step at a time, on SQLite files created with
 * `auto_vacuum = INCREMENTAL` (every file Deskbridge creates). An older file keeps its free pages
 * and reuses them for new rows, as SQLite always does; `VACUUM` while stopped shrinks it. On
 * PostgreSQL the server's autovacuum does this. Returns how many pages went.
 */
export async function reclaimFreePages(db: Db): Promise<number> {
    if (db.dialect !== 'sqlite') return 0;
    const mode = await sql<{ auto_vacuum: number }>`pragma auto_vacuum`.execute(db.kysely);
    if (Number(mode.rows[0]?.auto_vacuum) !== 2) return 0;
    let reclaimed = 0;
    for (;;) {
        const free = await sql<{ freelist_count: number }>`pragma freelist_count`.execute(db.kysely);
        const pages = Number(free.rows[0]?.freelist_count ?? 0);
        if (pages === 0) return reclaimed;
        await sql`pragma incremental_vacuum(${sql.lit(PAGES_PER_STEP)})`.execute(db.kysely);
        reclaimed += Math.min(pages, PAGES_PER_STEP);
        await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    }
}
