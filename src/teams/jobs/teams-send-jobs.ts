import { throwIfJobAborted } from '../../lib/job-signal';
import { z } from 'zod/v4';
import type { JobHandler } from '../../outbox/job-handler';
import { jobType } from '../../outbox/job-type';
import type { NewJob } from '../../outbox/job-store';
import { DeliveryError } from '../../lib/delivery-error';
import { TEAMS_CONVERSATION_LIMITS, TEAMS_TENANT_LIMITS, type RateBucket } from '../../outbox/rate-limits';
import { STREAMS, type ChannelBindingsRepo } from '../../store/channel-bindings-repo';
import type { TeamsRepo } from '../../store/teams-repo';
import type { ThreadsRepo } from '../../store/threads-repo';
import { channelOfConversation } from '../activity-context';
import type { TeamsMessenger } from '../proactive';

/** A Bot Framework activity to post: text and/or attachments (cards). */
const activitySchema = z
    .object({
        text: z.string().optional(),
        textFormat: z.enum(['markdown', 'plain', 'xml']).optional(),
        attachments: z.array(z.object({ contentType: z.string(), content: z.unknown() }).passthrough()).optional(),
        entities: z.array(z.object({ type: z.string() }).passthrough()).optional(),
        summary: z.string().optional()
    })
    .refine((a) => a.text !== undefined || (a.attachments?.length ?? 0) > 0, 'an activity needs text or attachments');

export type OutboundActivity = z.infer<typeof activitySchema>;

const startThreadPayload = z
    .object({
        threadKey: z.string().min(1),
        /** The stream whose bound channel receives the thread, resolved when the job runs… */
        stream: z.enum(STREAMS).optional(),
        /** …or an explicit channel. */
        teamId: z.string().min(1).optional(),
        channelId: z.string().min(1).optional(),
        tenantId: z.string().nullable().optional(),
        activity: activitySchema
    })
    .refine((p) => p.stream !== undefined || (p.teamId !== undefined && p.channelId !== undefined), 'a stream or a team and channel is required');
const threadPayload = z.object({ threadKey: z.string().min(1), activity: activitySchema });

/** Teams counts all reply chains of a channel together (to be safe), and every send per tenant. */
export function teamsBuckets(channelConversationId: string, tenantId: string | null | undefined): RateBucket[] {
    return [
        { key: `teams:conv:${channelOfConversation(channelConversationId)}`, limits: TEAMS_CONVERSATION_LIMITS },
        { key: `teams:tenant:${tenantId ?? 'default'}`, limits: TEAMS_TENANT_LIMITS }
    ];
}

/**
 * The Teams job kinds; every post to Teams goes through one of them, on its thread's key (a
 * thread's start, its replies and its card updates run one after another).
 */
export const TEAMS_JOBS = {
    /** A new thread (root post) for a key, in a channel: enqueue replies after it. */
    startThread: jobType({ kind: 'teams.start_thread', peer: 'teams', payload: startThreadPayload, orderingKey: (p) => `thread:${p.threadKey}` }),
    /** A reply in the thread of a key (the thread must exist or be queued before on the same key). */
    reply: jobType({ kind: 'teams.reply', peer: 'teams', payload: threadPayload, orderingKey: (p) => `thread:${p.threadKey}` }),
    /** Replaces the root post (the card) of the thread of a key. */
    updateRoot: jobType({ kind: 'teams.update_root', peer: 'teams', payload: threadPayload, orderingKey: (p) => `thread:${p.threadKey}` })
};

/** Job kinds of the Teams side, by name. */
export const TEAMS_JOB = { startThread: TEAMS_JOBS.startThread.kind, reply: TEAMS_JOBS.reply.kind, updateRoot: TEAMS_JOBS.updateRoot.kind } as const;

/** A new thread (root post) for a key, in a channel. */
export const startThreadJob = (payload: z.input<typeof startThreadPayload>, dedupeKey?: string): NewJob => TEAMS_JOBS.startThread.create(payload, { dedupeKey });

/** A reply in the thread of a key. */
export const replyJob = (threadKey: string, activity: OutboundActivity, dedupeKey?: string): NewJob => TEAMS_JOBS.reply.create({ threadKey, activity }, { dedupeKey });

/** Replaces the root post (the card) of the thread of a key. */
export const updateRootJob = (threadKey: string, activity: OutboundActivity, dedupeKey?: string): NewJob => TEAMS_JOBS.updateRoot.create({ threadKey, activity }, { dedupeKey });

/** The error code Teams put in a failed answer (`{"error":{"code":"BotNotInConversationRoster",…}}`). */
export function teamsErrorCode(err: unknown): string | undefined {
    const e = err as { code?: unknown; body?: unknown; response?: { parsedBody?: unknown; bodyAsText?: unknown }; message?: unknown };
    const fromBody = (body: unknown) => {
        const parsed = typeof body === 'string' ? safeJson(body) : body;
        const code = (parsed as { error?: { code?: unknown } } | undefined)?.error?.code;
        return typeof code === 'string' ? code : undefined;
    };
    return fromBody(e.body) ?? fromBody(e.response?.parsedBody) ?? fromBody(e.response?.bodyAsText) ?? (typeof e.code === 'string' && /^[A-Z][A-Za-z]+$/.test(e.code) ? e.code : undefined) ?? /\b(BotNotInConversationRoster|ConversationNotFound)\b/.exec(String(e.message ?? ''))?.[1];
}

function safeJson(text: string): unknown {
    try {
        return JSON.parse(text);
    } catch {
        return undefined;
    }
}

/** The handlers of the Teams job kinds. */
export function teamsJobHandlers(deps: { messenger: TeamsMessenger; threads: ThreadsRepo; bindings: ChannelBindingsRepo; teams: TeamsRepo }): JobHandler[] {
    const { messenger, threads, bindings, teams } = deps;
    /**
     * Runs a send, turning Microsoft's "do not retry" answers (learn.microsoft.com, Teams bots,
     * "Status codes from bot conversational APIs") into what they mean: 403
     * BotNotInConversationRoster — the app was removed from the team: the team is marked
     * uninstalled, so its other jobs stop without calling Teams; 404 ConversationNotFound on a
     * channel — the channel is gone: it is dropped with its bindings. Either way a permanent dead
     * letter that says what to do.
     */
    const send = async <T>(where: { teamId: string; channelId: string; thread?: boolean }, call: () => Promise<T>): Promise<T> => {
        const team = await teams.getTeam(where.teamId);
        if (team && !team.installed) throw new DeliveryError(`Deskbridge is no longer installed in team ${where.teamId}: add the app to the team again, then replay`, false, { peer: 'teams' });
        // A job past its timeout starts no send (its retry will); a send already made is still
        // recorded below, so that the retry sees it and does not post twice.
        throwIfJobAborted();
        try {
            return await call();
        } catch (err) {
            const code = teamsErrorCode(err);
            if (code === 'BotNotInConversationRoster') {
                await teams.markUninstalled(where.teamId);
                throw new DeliveryError(`Teams answered 403 BotNotInConversationRoster: Deskbridge was removed from team ${where.teamId}. Add the app to the team again, then replay`, false, { peer: 'teams', status: 403, code, cause: err });
            }
            if (code === 'ConversationNotFound') {
                if (!where.thread) {
                    await bindings.unbindChannel(where.channelId);
                    await teams.deleteChannel(where.channelId);
                }
                const what = where.thread ? 'this thread no longer exists in Teams' : `channel ${where.channelId} no longer exists: bind another with "@Deskbridge setup", then replay`;
                throw new DeliveryError(`Teams answered 404 ConversationNotFound: ${what}`, false, { peer: 'teams', status: 404, code, cause: err });
            }
            throw err;
        }
    };
    /** Where a new thread goes: the explicit channel, or the channel bound to the stream now. */
    const destinationOf = async (p: z.output<typeof startThreadPayload>) => {
        if (p.teamId && p.channelId) return { teamId: p.teamId, channelId: p.channelId, tenantId: p.tenantId !== undefined ? p.tenantId : ((await teams.getTeam(p.teamId))?.tenantId ?? null) };
        const binding = await bindings.get(p.stream!);
        // Permanent: it becomes a visible dead letter, replayable once an admin ran setup.
        if (!binding) throw new DeliveryError(`no channel is bound to ${p.stream}: run "@Deskbridge setup ${p.stream}" in a channel, then replay`, false, { peer: 'teams' });
        const team = await teams.getTeam(binding.teamId);
        return { teamId: binding.teamId, channelId: binding.channelId, tenantId: team?.tenantId ?? null };
    };
    const threadOf = async (threadKey: string) => {
        const thread = await threads.get(threadKey);
        // No thread means its start_thread job is dead: this job cannot succeed either.
        if (!thread) throw new DeliveryError(`no Teams thread for ${threadKey}`, false, { peer: 'teams' });
        return thread;
    };
    /** A thread's channel and tenant buckets; none when it does not exist (the job will fail). */
    const bucketsOfThread = async (threadKey: string) => {
        const thread = await threads.get(threadKey);
        return thread ? teamsBuckets(thread.channelId, thread.tenantId) : [];
    };
    return [
        TEAMS_JOBS.startThread.handler({
            rateBuckets: async (p) => {
                // A thread that exists already costs no send (see run).
                if (await threads.get(p.threadKey)) return [];
                const destination = await destinationOf(p).catch(() => undefined);
                return destination ? teamsBuckets(destination.channelId, destination.tenantId) : [];
            },
            async run(p) {
                // Idempotent on re-run: after a crash between Teams' answer and our commit, the
                // thread may exist already.
                if (await threads.get(p.threadKey)) return;
                const destination = await destinationOf(p);
                const thread = await send(destination, () => messenger.startThread(destination, p.activity));
                await threads.save(p.threadKey, thread);
            }
        }),
        TEAMS_JOBS.reply.handler({
            rateBuckets: (p) => bucketsOfThread(p.threadKey),
            async run(p) {
                const thread = await threadOf(p.threadKey);
                await send({ ...thread, thread: true }, () => messenger.replyInThread(thread, p.activity));
            }
        }),
        TEAMS_JOBS.updateRoot.handler({
            rateBuckets: (p) => bucketsOfThread(p.threadKey),
            async run(p) {
                const thread = await threadOf(p.threadKey);
                await send({ ...thread, thread: true }, () => messenger.updateActivity(thread, thread.rootActivityId, p.activity));
            }
        })
    ];
}
