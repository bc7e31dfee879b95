import type { Kysely } from 'kysely';
import type { DialectMigration } from './index';

/**
 * What working a conversation from Teams needs: the last known state of each conversation (so a
 * card button can answer with the card at once), the parts Deskbridge itself created (so their
 * webhooks are not mirrored back), and the routing rules admins edit from Teams.
 */
export const conversationWork: DialectMigration = (dialect) => ({
    async up(db: Kysely<unknown>) {
        const id = dialect === 'postgres' ? 'bigserial' : 'integer';
        await db.schema
            .createTable('conversation_snapshots')
            .addColumn('thread_key', 'text', (c) => c.primaryKey())
            .addColumn('snapshot', 'text', (c) => c.notNull())
            .addColumn('updated_at', 'bigint', (c) => c.notNull())
            .execute();
        await db.schema
            .createTable('sent_parts')
            .addColumn('source', 'text', (c) => c.notNull())
            .addColumn('part_id', 'text', (c) => c.notNull())
            .addColumn('conversation_id', 'text', (c) => c.notNull())
            .addColumn('created_at', 'bigint', (c) => c.notNull())
            .addPrimaryKeyConstraint('sent_parts_pk', ['source', 'part_id'])
            .execute();
        await db.schema
            .createTable('routing_rules')
            .addColumn('id', id, (c) => (dialect === 'postgres' ? c.primaryKey() : c.primaryKey().autoIncrement()))
            .addColumn('stream', 'text', (c) => c.notNull())
            .addColumn('kind', 'text', (c) => c.notNull())
            .addColumn('value', 'text', (c) => c.notNull())
            .addColumn('priority', 'integer', (c) => c.notNull())
            .addColumn('team_id', 'text', (c) => c.notNull())
            .addColumn('channel_id', 'text', (c) => c.notNull())
            .addColumn('channel_name', 'text')
            .addColumn('created_by', 'text')
            .addColumn('created_at', 'bigint', (c) => c.notNull())
            .execute();
    }
});
