import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** The streams a channel can be the destination of. */
export const STREAMS = ['intercom', 'zendesk', 'whatsapp', 'leads', 'escalations'] as const;
export type Stream = (typeof STREAMS)[number];

export const isStream = (value: string): value is Stream => (STREAMS as readonly string[]).includes(value);

export interface ChannelBinding {
    stream: Stream;
    teamId: string;
    channelId: string;
    channelName: string | null;
    boundById: string | null;
    boundByName: string | null;
    boundAt: number;
}

/** Which channel receives each stream (one destination per stream; binding again moves it). */
export class ChannelBindingsRepo {
    constructor(private readonly db: Kysely<Database>) {}

    async bind(binding: Omit<ChannelBinding, 'boundAt'>, now = Date.now()): Promise<ChannelBinding> {
        const row = {
            stream: binding.stream,
            team_id: binding.teamId,
            channel_id: binding.channelId,
            channel_name: binding.channelName,
            bound_by_id: binding.boundById,
            bound_by_name: binding.boundByName,
            bound_at: now
        };
        await this.db
            .insertInto('channel_bindings')
            .values(row)
            .onConflict((oc) => oc.column('stream').doUpdateSet({ ...row, stream: undefined }))
            .execute();
        return { ...binding, boundAt: now };
    }

    async get(stream: Stream): Promise<ChannelBinding | undefined> {
        const r = await this.db.selectFrom('channel_bindings').selectAll().where('stream', '=', stream).executeTakeFirst();
        return r ? toBinding(r) : undefined;
    }

    async list(): Promise<ChannelBinding[]> {
        const rows = await this.db.selectFrom('channel_bindings').selectAll().orderBy('stream').execute();
        return rows.map(toBinding);
    }

    /** Renames a channel in every binding to it (a channel can receive several streams). */
    async renameChannel(channelId: string, name: string): Promise<number> {
        const result = await this.db.updateTable('channel_bindings').set({ channel_name: name }).where('channel_id', '=', channelId).executeTakeFirst();
        return Number(result.numUpdatedRows ?? 0n);
    }

    /** Drops bindings to a channel that no longer exists. */
    async unbindChannel(channelId: string): Promise<void> {
        await this.db.deleteFrom('channel_bindings').where('channel_id', '=', channelId).execute();
    }
}

function toBinding(r: Database['channel_bindings']): ChannelBinding {
    return {
        stream: r.stream as Stream,
        teamId: r.team_id,
        channelId: r.channel_id,
        channelName: r.channel_name,
        boundById: r.bound_by_id,
        boundByName: r.bound_by_name,
        boundAt: Number(r.bound_at)
    };
}
