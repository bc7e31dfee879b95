import { sql } from 'kysely';
import type { Db } from './database';

/**
 * Pages given back per statement (400 KB at SQLite's 4 KB pages), and the pause between
 * statements: each step moves pages from the end of the file on the event loop, and 1,000 at a
 * time held acknowledgements for tens of milliseconds.
 */
const PAGES_PER_STEP = 100;
const PAUSE_MS = 20;

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
