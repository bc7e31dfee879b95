import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * Parts of a vendor conversation that Deskbridge created itself (an agent's reply from Teams).
 * Their webhooks come back like any other part; the mirror skips them so nothing is posted twice.
 */
export class SentPartsRepo {
    constructor(private readonly db: Kysely<Database>) {}

    async record(source: string, conversationId: string, partIds: readonly string[], now = Date.now()): Promise<void> {
        if (partIds.length === 0) return;
        await this.db
            .insertInto('sent_parts')
            .values(partIds.map((part_id) => ({ source, part_id, conversation_id: conversationId, created_at: now })))
            .onConflict((oc) => oc.columns(['source', 'part_id']).doNothing())
            .execute();
    }

    /** Which of these part ids Deskbridge created. */
    async sentAmong(source: string, partIds: readonly string[]): Promise<Set<string>> {
        if (partIds.length === 0) return new Set();
        const rows = await this.db.selectFrom('sent_parts').select('part_id').where('source', '=', source).where('part_id', 'in', [...partIds]).execute();
        return new Set(rows.map((r) => r.part_id));
    }
}
