import type { Kysely } from 'kysely';
import type { DialectMigration } from './index';

/**
 * A second helpdesk: an admin can link a Teams user to a Zendesk user (as to an Intercom admin),
 * and each support thread keeps the customer's latest satisfaction rating for the day's CSAT.
 */
export const helpdesks: DialectMigration = () => ({
    async up(db: Kysely<unknown>) {
        await db.schema.alterTable('identity_links').addColumn('zendesk_user_id', 'text').execute();
        // `good`/`bad` (Zendesk) or `1`…`5` (Intercom), and when the customer rated.
        await db.schema.alterTable('thread_activity').addColumn('rating_score', 'text').execute();
        await db.schema.alterTable('thread_activity').addColumn('rating_satisfied', 'integer').execute();
        await db.schema.alterTable('thread_activity').addColumn('rated_at', 'bigint').execute();
        await db.schema.createIndex('thread_activity_rated').on('thread_activity').column('rated_at').execute();
    }
});
