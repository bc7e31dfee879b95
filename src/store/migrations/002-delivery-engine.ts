import type { Kysely } from 'kysely';
import type { DialectMigration } from './index';

/** Inbox of received deliveries, the outbox of jobs, and the shared send log for rate limits. */
export const deliveryEngine: DialectMigration = (dialect) => ({
    async up(db: Kysely<unknown>) {
        const id = dialect === 'postgres' ? 'bigserial' : 'integer';
        await db.schema
            .createTable('inbox')
            .addColumn('id', id, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
            .addColumn('source', 'text', (c) => c.notNull())
            .addColumn('event_id', 'text', (c) => c.notNull())
            .addColumn('topic', 'text')
            .addColumn('payload', 'text', (c) => c.notNull())
            .addColumn('received_at', 'bigint', (c) => c.notNull())
            .addUniqueConstraint('inbox_source_event', ['source', 'event_id'])
            .execute();
        await db.schema
            .createTable('outbox_jobs')
            .addColumn('id', id, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
            .addColumn('kind', 'text', (c) => c.notNull())
            .addColumn('payload', 'text', (c) => c.notNull())
            .addColumn('ordering_key', 'text', (c) => c.notNull())
            .addColumn('dedupe_key', 'text', (c) => c.unique())
            .addColumn('status', 'text', (c) => c.notNull())
            .addColumn('attempts', 'integer', (c) => c.notNull())
            .addColumn('max_attempts', 'integer', (c) => c.notNull())
            .addColumn('run_at', 'bigint', (c) => c.notNull())
            .addColumn('locked_by', 'text')
            .addColumn('locked_until', 'bigint')
            .addColumn('last_error', 'text')
            .addColumn('created_at', 'bigint', (c) => c.notNull())
            .addColumn('updated_at', 'bigint', (c) => c.notNull())
            .addColumn('done_at', 'bigint')
            .execute();
        await db.schema.createIndex('outbox_jobs_due').on('outbox_jobs').columns(['status', 'run_at']).execute();
        await db.schema.createIndex('outbox_jobs_key').on('outbox_jobs').columns(['ordering_key', 'status', 'id']).execute();
        await db.schema
            .createTable('rate_sends')
            .addColumn('id', id, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
            .addColumn('bucket', 'text', (c) => c.notNull())
            .addColumn('sent_at', 'bigint', (c) => c.notNull())
            .execute();
        await db.schema.createIndex('rate_sends_bucket').on('rate_sends').columns(['bucket', 'sent_at']).execute();
    }
});
