import type { Kysely } from 'kysely';
import type { DialectMigration } from './index';

/**
 * WhatsApp contacts (through Kommo) with their AI pause state, and the Teams people Deskbridge has
 * seen act (to @mention a Kommo user's Teams account by email).
 */
export const whatsapp: DialectMigration = () => ({
    async up(db: Kysely<unknown>) {
        await db.schema
            .createTable('whatsapp_contacts')
            .addColumn('contact_id', 'text', (c) => c.primaryKey())
            .addColumn('lead_id', 'text')
            .addColumn('chat_id', 'text')
            .addColumn('talk_id', 'text')
            .addColumn('name', 'text')
            .addColumn('phone', 'text')
            .addColumn('origin', 'text')
            .addColumn('ai_paused', 'integer', (c) => c.notNull())
            .addColumn('paused_by', 'text')
            .addColumn('paused_via', 'text')
            .addColumn('paused_at', 'bigint')
            .addColumn('last_human_at', 'bigint')
            .addColumn('last_message', 'text')
            .addColumn('last_message_at', 'bigint')
            .addColumn('responsible_user_id', 'text')
            .addColumn('updated_at', 'bigint', (c) => c.notNull())
            .execute();
        await db.schema
            .createTable('teams_people')
            .addColumn('user_id', 'text', (c) => c.primaryKey())
            .addColumn('aad_object_id', 'text')
            .addColumn('name', 'text')
            .addColumn('email', 'text')
            .addColumn('updated_at', 'bigint', (c) => c.notNull())
            .execute();
        await db.schema.createIndex('teams_people_email').on('teams_people').column('email').execute();
    }
});
