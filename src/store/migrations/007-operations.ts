import type { Kysely } from 'kysely';
import type { DialectMigration } from './index';

/**
 * Who is waiting in each customer thread (for SLA reminders and response-time figures), and the
 * identity links admins set by hand (Teams user ↔ Intercom admin ↔ Kommo user).
 */
export const operations: DialectMigration = () => ({
    async up(db: Kysely<unknown>) {
        await db.schema
            .createTable('thread_activity')
            .addColumn('thread_key', 'text', (c) => c.primaryKey())
            .addColumn('opened_at', 'bigint')
            .addColumn('waiting_since', 'bigint')
            .addColumn('first_response_at', 'bigint')
            .addColumn('last_human_at', 'bigint')
            .addColumn('human_answers', 'integer', (c) => c.notNull().defaultTo(0))
            .addColumn('ai_answers', 'integer', (c) => c.notNull().defaultTo(0))
            .addColumn('escalated_at', 'bigint')
            .addColumn('closed_at', 'bigint')
            .addColumn('updated_at', 'bigint', (c) => c.notNull())
            .execute();
        await db.schema.createIndex('thread_activity_opened').on('thread_activity').column('opened_at').execute();
        await db.schema
            .createTable('identity_links')
            .addColumn('teams_user_id', 'text', (c) => c.primaryKey())
            .addColumn('teams_name', 'text')
            .addColumn('intercom_admin_id', 'text')
            .addColumn('kommo_user_id', 'text')
            .addColumn('linked_by', 'text')
            .addColumn('updated_at', 'bigint', (c) => c.notNull())
            .execute();
    }
});
