import { randomUUID } from 'node:crypto';
import type { Storage, StoreItems } from 'botbuilder';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';

/**
 * Bot Framework `Storage` on Deskbridge's own database, used for teams-ai turn state, so that
 * state survives restarts and is shared by every instance. Writes honour `eTag` like the SDK's
 * own storages: a stale eTag is a conflict, `*` or none overwrites.
 */
export class DatabaseStorage implements Storage {
    constructor(private readonly db: Kysely<Database>) {}

    async read(keys: string[]): Promise<StoreItems> {
        if (keys.length === 0) return {};
        const rows = await this.db.selectFrom('bot_state').select(['key', 'value', 'etag']).where('key', 'in', keys).execute();
        const items: StoreItems = {};
        for (const row of rows) {
            items[row.key] = { ...(JSON.parse(row.value) as object), eTag: row.etag };
        }
        return items;
    }

    async write(changes: StoreItems): Promise<void> {
        const now = Date.now();
        for (const [key, item] of Object.entries(changes)) {
            const { eTag, ...rest } = (item ?? {}) as { eTag?: string } & Record<string, unknown>;
            const value = JSON.stringify(rest);
            const etag = randomUUID();
            if (eTag && eTag !== '*') {
                const result = await this.db
                    .updateTable('bot_state')
                    .set({ value, etag, updated_at: now })
                    .where('key', '=', key)
                    .where('etag', '=', eTag)
                    .executeTakeFirst();
                if (Number(result.numUpdatedRows) === 0) {
                    throw new Error(`Storage: error writing "${key}" due to eTag conflict.`);
                }
                continue;
            }
            await this.db
                .insertInto('bot_state')
                .values({ key, value, etag, updated_at: now })
                .onConflict((oc) => oc.column('key').doUpdateSet({ value, etag, updated_at: now }))
                .execute();
        }
    }

    async delete(keys: string[]): Promise<void> {
        if (keys.length === 0) return;
        await this.db.deleteFrom('bot_state').where('key', 'in', keys).execute();
    }
}
