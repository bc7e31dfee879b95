import type { Kysely } from 'kysely';
import type { DialectMigration } from './index';

/** Teams installations, channels, conversation references, channel bindings and turn state. */
export const teamsBasics: DialectMigration = () => ({
    async up(db: Kysely<unknown>) {
        await db.schema
            .createTable('teams')
            .addColumn('team_id', 'text', (c) => c.primaryKey())
            .addColumn('tenant_id', 'text')
            .addColumn('name', 'text')
            .addColumn('aad_group_id', 'text')
            .addColumn('service_url', 'text', (c) => c.notNull())
            .addColumn('reference', 'text', (c) => c.notNull())
            .addColumn('installed', 'integer', (c) => c.notNull())
            .addColumn('installed_at', 'bigint', (c) => c.notNull())
            .addColumn('updated_at', 'bigint', (c) => c.notNull())
            .execute();
        await db.schema
            .createTable('team_channels')
            .addColumn('channel_id', 'text', (c) => c.primaryKey())
            .addColumn('team_id', 'text', (c) => c.notNull())
            .addColumn('name', 'text')
            .addColumn('updated_at', 'bigint', (c) => c.notNull())
            .execute();
        await db.schema.createIndex('team_channels_team').on('team_channels').column('team_id').execute();
        await db.schema
            .createTable('conversation_refs')
            .addColumn('conversation_id', 'text', (c) => c.primaryKey())
            .addColumn('conversation_type', 'text', (c) => c.notNull())
            .addColumn('team_id', 'text')
            .addColumn('tenant_id', 'text')
            .addColumn('service_url', 'text', (c) => c.notNull())
            .addColumn('reference', 'text', (c) => c.notNull())
            .addColumn('updated_at', 'bigint', (c) => c.notNull())
            .execute();
        await db.schema
            .createTable('channel_bindings')
            .addColumn('stream', 'text', (c) => c.primaryKey())
            .addColumn('team_id', 'text', (c) => c.notNull())
            .addColumn('channel_id', 'text', (c) => c.notNull())
            .addColumn('channel_name', 'text')
            .addColumn('bound_by_id', 'text')
            .addColumn('bound_by_name', 'text')
            .addColumn('bound_at', 'bigint', (c) => c.notNull())
            .execute();
        await db.schema
            .createTable('bot_state')
            .addColumn('key', 'text', (c) => c.primaryKey())
            .addColumn('value', 'text', (c) => c.notNull())
            .addColumn('etag', 'text', (c) => c.notNull())
            .addColumn('updated_at', 'bigint', (c) => c.notNull())
            .execute();
    }
});
