import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** A Teams reply chain: the conversation id carries `;messageid=<root activity id>`. */
export interface ThreadRef {
    conversationId: string;
    rootActivityId: string;
    serviceUrl: string;
    tenantId: string | null;
    teamId: string;
    channelId: string;
}

/** Which Teams thread carries which conversation; keys look like `intercom:<id>`, `kommo:<contact>`. */
/** Thread references kept in memory (a thread's reference never changes once recorded). */
const CACHED_THREADS = 10_000;

export class ThreadsRepo {
    /** Found references, oldest first (a Map keeps insertion order): each Teams send reads one. */
    private readonly cache = new Map<string, ThreadRef>();

    constructor(private readonly db: Kysely<Database>) {}

    /** Records the thread of a key; a key keeps its first thread. */
    async save(threadKey: string, thread: ThreadRef, now = Date.now()): Promise<void> {
        await this.db
            .insertInto('threads')
            .values({
                thread_key: threadKey,
                conversation_id: thread.conversationId,
                root_activity_id: thread.rootActivityId,
                team_id: thread.teamId,
                channel_id: thread.channelId,
                service_url: thread.serviceUrl,
                tenant_id: thread.tenantId,
                created_at: now
            })
            .onConflict((oc) => oc.column('thread_key').doNothing())
            .execute();
    }

    /** The thread of a key. Only found threads are cached: a missing one may be created any moment. */
    async get(threadKey: string): Promise<ThreadRef | undefined> {
        const cached = this.cache.get(threadKey);
        if (cached) return cached;
        const r = await this.db.selectFrom('threads').selectAll().where('thread_key', '=', threadKey).executeTakeFirst();
        if (!r) return undefined;
        const ref = toRef(r);
        this.cache.set(threadKey, ref);
        if (this.cache.size > CACHED_THREADS) this.cache.delete(this.cache.keys().next().value!);
        return ref;
    }

    /** The key of the thread a Teams conversation id (with or without `;messageid=`) belongs to. */
    async keyOfConversation(conversationId: string): Promise<string | undefined> {
        const r = await this.db.selectFrom('threads').select('thread_key').where('conversation_id', '=', conversationId).executeTakeFirst();
        return r?.thread_key;
    }

    /**
     * The key of the thread a Teams activity belongs to: by its conversation id, else by the root
     * post it answers (a card action's `replyToId` is the card it was pressed on).
     */
    async keyOfActivity(conversationId: string, replyToId: string | undefined): Promise<string | undefined> {
        const byConversation = await this.keyOfConversation(conversationId);
        if (byConversation || !replyToId) return byConversation;
        const channelId = conversationId.split(';')[0]!;
        const r = await this.db.selectFrom('threads').select('thread_key').where('root_activity_id', '=', replyToId).where('channel_id', '=', channelId).executeTakeFirst();
        return r?.thread_key;
    }
}

function toRef(r: Database['threads']): ThreadRef {
    return {
        conversationId: r.conversation_id,
        rootActivityId: r.root_activity_id,
        teamId: r.team_id,
        channelId: r.channel_id,
        serviceUrl: r.service_url,
        tenantId: r.tenant_id
    };
}
