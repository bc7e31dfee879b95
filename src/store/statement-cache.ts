import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

/** Distinct statements kept; `in (?, ?, …)` lists of varying length make some queries many. */
const CACHED_STATEMENTS = 500;

/**
 * The SQLite handle as Kysely sees it, with prepared statements kept by their SQL text (least
 * recently used out first). Kysely prepares every query anew, and under load compiling the same
 * few dozen statements again costs the worker more than running them. A statement still being
 * iterated (a streamed query) is never handed out twice: a fresh one is prepared instead.
 */
export function withStatementCache(sqlite: BetterSqlite3.Database, size = CACHED_STATEMENTS): SqliteDatabase {
    const cache = new Map<string, BetterSqlite3.Statement>();
    return {
        close: () => sqlite.close(),
        prepare(sql: string) {
            const cached = cache.get(sql);
            if (cached && !cached.busy) {
                // Re-inserted: Map keeps insertion order, so the first key is the least recent.
                cache.delete(sql);
                cache.set(sql, cached);
                return cached;
            }
            const statement = sqlite.prepare(sql);
            cache.set(sql, statement);
            if (cache.size > size) cache.delete(cache.keys().next().value!);
            return statement;
        }
    };
}
