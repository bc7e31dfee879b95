import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * The last Salesbot send of each Kommo lead. Sending is "write the lead's reply field, run the
 * Salesbot", and Kommo runs the bot later (it answers 202): the next send to the same lead waits
 * until the bot's message has come back as a webhook (proof that it read the field) or a grace
 * period has passed, so a second write cannot overtake the first send.
 */
export class KommoSendsRepo {
    constructor(private readonly db: Kysely<Database>) {}

    async recordSend(leadId: string, textKey: string, now = Date.now()): Promise<void> {
        await this.db
            .insertInto('kommo_sends')
            .values({ lead_id: leadId, text_key: textKey, sent_at: now, confirmed_at: null })
            .onConflict((oc) => oc.column('lead_id').doUpdateSet({ text_key: textKey, sent_at: now, confirmed_at: null }))
            .execute();
    }

    /** Marks the send of this text as run by Kommo (its echo arrived). */
    async confirm(textKey: string, now = Date.now()): Promise<void> {
        await this.db.updateTable('kommo_sends').set({ confirmed_at: now }).where('text_key', '=', textKey).where('confirmed_at', 'is', null).execute();
    }

    /** Milliseconds the next send to this lead must still wait (0 when it may go). */
    async waitBeforeNext(leadId: string, graceMs: number, now = Date.now()): Promise<number> {
        const row = await this.db.selectFrom('kommo_sends').selectAll().where('lead_id', '=', leadId).executeTakeFirst();
        if (!row || row.confirmed_at !== null) return 0;
        return Math.max(0, Number(row.sent_at) + graceMs - now);
    }
}
