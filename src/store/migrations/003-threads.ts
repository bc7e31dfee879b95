import type { Kysely } from 'kysely';
import type { DialectMigration } from './index';

/** The thread map: which Teams thread carries which customer conversation (or lead). */
export const threads: DialectMigration = () => ({
    async up(db: Kysely<unknown>) {
        await db.schema
            .createTable('threads')
            .addColumn('thread_key', 'text', (c) => c.primaryKey())
            .addColumn('conversation_id', 'text', (c) => c.notNull())
            .addColumn('root_activity_id', 'text', (c) => c.notNull())
            .addColumn('team_id', 'text', (c) => c.notNull())
            .addColumn('channel_id', 'text', (c) => c.notNull())
            .addColumn('service_url', 'text', (c) => c.notNull())
            .addColumn('tenant_id', 'text')
            .addColumn('created_at', 'bigint', (c) => c.notNull())
            .execute();
        await db.schema.createIndex('threads_conversation').on('threads').column('conversation_id').execute();
    }
});
