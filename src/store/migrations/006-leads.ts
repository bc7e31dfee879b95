import type { Kysely } from 'kysely';
import type { DialectMigration } from './index';

/** Leads from every intake, scored, with who claimed them and when they were contacted. */
export const leads: DialectMigration = (dialect) => ({
    async up(db: Kysely<unknown>) {
        const id = dialect === 'postgres' ? 'bigserial' : 'integer';
        await db.schema
            .createTable('leads')
            .addColumn('id', id, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
            .addColumn('external_key', 'text', (c) => c.notNull().unique())
            .addColumn('source', 'text', (c) => c.notNull())
            .addColumn('name', 'text', (c) => c.notNull())
            .addColumn('email', 'text')
            .addColumn('phone', 'text')
            .addColumn('interest', 'text')
            .addColumn('income', 'double precision')
            .addColumn('city', 'text')
            .addColumn('score', 'integer', (c) => c.notNull())
            .addColumn('status', 'text', (c) => c.notNull())
            .addColumn('breakdown', 'text', (c) => c.notNull())
            .addColumn('kommo_lead_id', 'text')
            .addColumn('lead_created_at', 'bigint')
            .addColumn('received_at', 'bigint', (c) => c.notNull())
            .addColumn('claimed_by_id', 'text')
            .addColumn('claimed_by_name', 'text')
            .addColumn('claimed_by_email', 'text')
            .addColumn('claimed_at', 'bigint')
            .addColumn('contacted_at', 'bigint')
            .addColumn('contacted_by', 'text')
            .execute();
        await db.schema.createIndex('leads_received').on('leads').column('received_at').execute();
    }
});
