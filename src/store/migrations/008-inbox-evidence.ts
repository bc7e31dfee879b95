import type { Kysely } from 'kysely';
import type { DialectMigration } from './index';

/**
 * The inbox keeps what a signature was computed over, and what it needs to recognise a replay:
 * `raw_body` holds a delivery's exact bytes when they are not valid UTF-8 (the `payload` text
 * cannot represent them), and `subject` names the thread a delivery belongs to
 * (`intercom:<conversation id>`), so that pruning keeps the ids of a thread that still exists.
 */
export const inboxEvidence: DialectMigration = (dialect) => ({
    async up(db: Kysely<unknown>) {
        await db.schema.alterTable('inbox').addColumn('raw_body', dialect === 'postgres' ? 'bytea' : 'blob').execute();
        await db.schema.alterTable('inbox').addColumn('subject', 'text').execute();
        await db.schema.createIndex('inbox_subject').on('inbox').column('subject').execute();
        await db.schema.createIndex('inbox_received').on('inbox').column('received_at').execute();
    }
});
