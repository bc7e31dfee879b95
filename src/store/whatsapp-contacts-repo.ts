import type { Kysely } from 'kysely';
import type { PauseSource, WhatsAppContact } from '../domain/whatsapp-contact';
import type { Database, WhatsappContactsTable } from './schema';

/** What a Kommo message tells about its contact; absent fields keep their stored value. */
export interface ContactSighting {
    contactId: string;
    leadId?: string | null;
    chatId?: string | null;
    talkId?: string | null;
    name?: string | null;
    phone?: string | null;
    origin?: string | null;
    lastMessage?: string | null;
    lastMessageAt?: number | null;
    responsibleUserId?: string | null;
}

/** WhatsApp contacts and their AI pause state (persistent, per contact). */
export class WhatsAppContactsRepo {
    constructor(private readonly db: Kysely<Database>) {}

    /** Records a contact seen in a message; a new contact starts with the AI active. */
    async upsert(sighting: ContactSighting, now = Date.now()): Promise<WhatsAppContact> {
        const defined = Object.fromEntries(
            Object.entries({
                lead_id: sighting.leadId,
                chat_id: sighting.chatId,
                talk_id: sighting.talkId,
                name: sighting.name,
                phone: sighting.phone,
                origin: sighting.origin,
                last_message: sighting.lastMessage,
                last_message_at: sighting.lastMessageAt,
                responsible_user_id: sighting.responsibleUserId
            }).filter(([, v]) => v !== undefined && v !== null && v !== '')
        ) as Partial<WhatsappContactsTable>;
        await this.db
            .insertInto('whatsapp_contacts')
            .values({ contact_id: sighting.contactId, ai_paused: 0, updated_at: now, ...defined })
            .onConflict((oc) => oc.column('contact_id').doUpdateSet({ ...defined, updated_at: now }))
            .execute();
        return (await this.get(sighting.contactId))!;
    }

    async get(contactId: string): Promise<WhatsAppContact | undefined> {
        const row = await this.db.selectFrom('whatsapp_contacts').selectAll().where('contact_id', '=', contactId).executeTakeFirst();
        return row ? toContact(row) : undefined;
    }

    /**
     * Pauses or resumes the AI for a contact (creating the contact if needed). Returns the contact
     * and whether the state changed (a second `#pausar` changes nothing).
     */
    async setPaused(contactId: string, paused: boolean, by: string, via: PauseSource, now = Date.now()): Promise<{ contact: WhatsAppContact; changed: boolean }> {
        const before = await this.get(contactId);
        if (before && before.ai.paused === paused) return { contact: before, changed: false };
        const state = { ai_paused: paused ? 1 : 0, paused_by: by, paused_via: via, paused_at: now, updated_at: now };
        await this.db
            .insertInto('whatsapp_contacts')
            .values({ contact_id: contactId, ...state })
            .onConflict((oc) => oc.column('contact_id').doUpdateSet(state))
            .execute();
        return { contact: (await this.get(contactId))!, changed: true };
    }

    /**
     * A salesperson takes over a contact the AI handed off: the pause becomes theirs (so the card
     * no longer asks who takes it). Changes nothing unless the AI is paused by a handoff.
     */
    async takeOver(contactId: string, by: string, now = Date.now()): Promise<{ contact: WhatsAppContact | undefined; changed: boolean }> {
        const result = await this.db
            .updateTable('whatsapp_contacts')
            .set({ paused_by: by, paused_via: 'teams', paused_at: now, updated_at: now })
            .where('contact_id', '=', contactId)
            .where('ai_paused', '=', 1)
            .where('paused_via', '=', 'handoff')
            .executeTakeFirst();
        return { contact: await this.get(contactId), changed: Number(result.numUpdatedRows) > 0 };
    }

    /** A human wrote to the customer (auto-resume counts idle time from here). */
    async markHuman(contactId: string, now = Date.now()): Promise<void> {
        await this.db.updateTable('whatsapp_contacts').set({ last_human_at: now, updated_at: now }).where('contact_id', '=', contactId).execute();
    }

    /** Contacts whose AI is paused, most recent first. */
    async listPaused(): Promise<WhatsAppContact[]> {
        const rows = await this.db.selectFrom('whatsapp_contacts').selectAll().where('ai_paused', '=', 1).orderBy('paused_at', 'desc').execute();
        return rows.map(toContact);
    }
}

function toContact(r: WhatsappContactsTable): WhatsAppContact {
    const n = (v: number | string | null) => (v === null ? null : Number(v));
    return {
        contactId: r.contact_id,
        leadId: r.lead_id,
        chatId: r.chat_id,
        talkId: r.talk_id,
        name: r.name,
        phone: r.phone,
        origin: r.origin,
        ai: { paused: Number(r.ai_paused) === 1, by: r.paused_by, via: r.paused_via as PauseSource | null, at: n(r.paused_at) },
        lastHumanAt: n(r.last_human_at),
        lastMessage: r.last_message,
        lastMessageAt: n(r.last_message_at),
        responsibleUserId: r.responsible_user_id
    };
}
