import type { Kysely } from 'kysely';
import type { DialectMigration } from './index';

/**
 * Drops `inbox_subject`: no query reads the inbox by subject (the prune asks `threads` whether a
 * delivery's subject still has a thread, row by row, walking the inbox by id), yet every delivery
 * paid for the index. Its entries are spread over every conversation a burst touches, so a group
 * commit of 16 deliveries rewrote about 16 more index pages into the write-ahead log: measured on
 * the ingest's own statements, the commit went from ~45-60 µs to ~23-29 µs a delivery without it.
 * The `subject` column stays; only the index goes.
 */
export const leanInbox: DialectMigration = () => ({
    async up(db: Kysely<unknown>) {
        await db.schema.dropIndex('inbox_subject').ifExists().execute();
    }
});
