import type { Kysely } from 'kysely';
import type { Database } from './schema';

/**
 * The last known state of each thread's conversation (as JSON), written whenever the card is
 * rebuilt. A card button answers with a card built from it, without asking the vendor first.
 */
export class ConversationSnapshotsRepo {
    constructor(private readonly db: Kysely<Database>) {}

    async save(threadKey: string, snapshot: unknown, now = Date.now()): Promise<void> {
        const value = JSON.stringify(snapshot);
        await this.db
            .insertInto('conversation_snapshots')
            .values({ thread_key: threadKey, snapshot: value, updated_at: now })
            .onConflict((oc) => oc.column('thread_key').doUpdateSet({ snapshot: value, updated_at: now }))
            .execute();
    }

    /** The stored JSON, parsed; callers validate its shape. */
    async get(threadKey: string): Promise<unknown> {
        const row = await this.db.selectFrom('conversation_snapshots').select('snapshot').where('thread_key', '=', threadKey).executeTakeFirst();
        return row ? (JSON.parse(row.snapshot) as unknown) : undefined;
    }
}
