import type { Kysely } from 'kysely';
import type { DialectMigration } from './index';

/**
 * The inbox keeps what a signature was computed over, and what it needs to recognise a replay:
 * `raw_body` holds a delivery's exact bytes when they are not valid UTF-8 (the `payload` text
 * cannot represent them), and `subject` names the thread a delivery belongs to
 * (`intercom:<conversation id>`), so that pruning keeps the ids of a thread that still exists.
 * `kommo_sends` keeps each Kommo lead's last Salesbot send until its echo shows the bot ran.
 */
export const inboxEvidence: DialectMigration = (dialect) => ({
    async up(db: Kysely<unknown>) {
        await db.schema.alterTable('inbox').addColumn('raw_body', dialect === 'postgres' ? 'bytea' : 'blob').execute();
        await db.schema.alterTable('inbox').addColumn('subject', 'text').execute();
        await db.schema.createIndex('inbox_subject').on('inbox').column('subject').execute();
        await db.schema.createIndex('inbox_received').on('inbox').column('received_at').execute();
        // The last Salesbot send of each Kommo lead, until Kommo shows it ran (its echo webhook).
        await db.schema
            .createTable('kommo_sends')
            .addColumn('lead_id', 'text', (c) => c.primaryKey())
            .addColumn('text_key', 'text', (c) => c.notNull())
            .addColumn('sent_at', 'bigint', (c) => c.notNull())
            .addColumn('confirmed_at', 'bigint')
            .execute();
    }
});
