import type { Kysely } from 'kysely';
import type { Database } from './schema';

export interface StoredReference {
    conversationId: string;
    conversationType: string;
    teamId: string | null;
    tenantId: string | null;
    serviceUrl: string;
    /** The Bot Framework conversation reference, as JSON. */
    reference: unknown;
}

/** Conversation references for proactive messages: they must survive restarts. */
export class ConversationRefsRepo {
    constructor(private readonly db: Kysely<Database>) {}

    async save(ref: StoredReference, now = Date.now()): Promise<void> {
        const row = {
            conversation_id: ref.conversationId,
            conversation_type: ref.conversationType,
            team_id: ref.teamId,
            tenant_id: ref.tenantId,
            service_url: ref.serviceUrl,
            reference: JSON.stringify(ref.reference),
            updated_at: now
        };
        await this.db
            .insertInto('conversation_refs')
            .values(row)
            .onConflict((oc) =>
                oc.column('conversation_id').doUpdateSet({
                    conversation_type: row.conversation_type,
                    team_id: row.team_id,
                    tenant_id: row.tenant_id,
                    service_url: row.service_url,
                    reference: row.reference,
                    updated_at: now
                })
            )
            .execute();
    }

    async get(conversationId: string): Promise<StoredReference | undefined> {
        const r = await this.db.selectFrom('conversation_refs').selectAll().where('conversation_id', '=', conversationId).executeTakeFirst();
        if (!r) return undefined;
        return {
            conversationId: r.conversation_id,
            conversationType: r.conversation_type,
            teamId: r.team_id,
            tenantId: r.tenant_id,
            serviceUrl: r.service_url,
            reference: JSON.parse(r.reference) as unknown
        };
    }
}
