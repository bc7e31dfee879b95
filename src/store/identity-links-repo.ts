import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface IdentityLink {
    teamsUserId: string;
    teamsName: string | null;
    intercomAdminId: string | null;
    kommoUserId: string | null;
    zendeskUserId: string | null;
    linkedBy: string | null;
}

/** Identity overrides set by admins: a Teams user is this Intercom admin, this Zendesk user and this Kommo user. */
export class IdentityLinksRepo {
    constructor(private readonly db: Kysely<Database>) {}

    /** Sets the given parts of a user's link; parts left undefined keep their value. */
    async set(link: { teamsUserId: string; teamsName?: string | null; intercomAdminId?: string | null; kommoUserId?: string | null; zendeskUserId?: string | null; linkedBy: string | null }, now = Date.now()): Promise<IdentityLink> {
        const parts = Object.fromEntries(
            Object.entries({ teams_name: link.teamsName, intercom_admin_id: link.intercomAdminId, kommo_user_id: link.kommoUserId, zendesk_user_id: link.zendeskUserId }).filter(([, v]) => v !== undefined)
        );
        await this.db
            .insertInto('identity_links')
            .values({ teams_user_id: link.teamsUserId, linked_by: link.linkedBy, updated_at: now, ...parts })
            .onConflict((oc) => oc.column('teams_user_id').doUpdateSet({ ...parts, linked_by: link.linkedBy, updated_at: now }))
            .execute();
        return (await this.get(link.teamsUserId))!;
    }

    async get(teamsUserId: string): Promise<IdentityLink | undefined> {
        const r = await this.db.selectFrom('identity_links').selectAll().where('teams_user_id', '=', teamsUserId).executeTakeFirst();
        return r ? { teamsUserId: r.teams_user_id, teamsName: r.teams_name, intercomAdminId: r.intercom_admin_id, kommoUserId: r.kommo_user_id, zendeskUserId: r.zendesk_user_id, linkedBy: r.linked_by } : undefined;
    }

    /** The Teams user linked to a Kommo user, if an admin linked one. */
    async byKommoUser(kommoUserId: string): Promise<IdentityLink | undefined> {
        const r = await this.db.selectFrom('identity_links').select('teams_user_id').where('kommo_user_id', '=', kommoUserId).executeTakeFirst();
        return r ? this.get(r.teams_user_id) : undefined;
    }
}
