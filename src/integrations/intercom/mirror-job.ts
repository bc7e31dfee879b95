import type { ThreadPoster } from '../../domain/thread-post';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { asSnapshot, type ConversationMessage, type ConversationSnapshot } from '../../domain/conversation';
import type { ConversationActivity } from '../../domain/conversation-activity';
import { mirrorConversationJobs, threadKeyOf, type ThreadDestination } from '../../domain/mirror-conversation';
import { pickRoute } from '../../domain/routing';
import { DeliveryError } from '../../lib/delivery-error';
import { defineJobHandler, type JobHandler } from '../../outbox/job-handler';
import type { NewJob } from '../../outbox/job-store';
import type { ConversationSnapshotsRepo } from '../../store/conversation-snapshots-repo';
import type { RoutingRulesRepo } from '../../store/routing-rules-repo';
import type { Database } from '../../store/schema';
import type { SentPartsRepo } from '../../store/sent-parts-repo';
import type { IntercomClient } from './client';
import type { IntercomDirectory } from './directory';
import { messagesOf, normalizeConversation } from './normalize';
import { conversationSchema, envelopeSchema, ticketSchema, type IntercomConversation } from './schemas';
import { mirrorTicket } from './ticket-event';
import { SYNC_TOPIC, isTicketTopic } from './topics';

export const MIRROR_EVENT_JOB = 'intercom.mirror_event';

/** Parts posted after the opening message when a thread starts late (older ones: in Intercom). */
const HISTORY_ON_START = 10;

/**
 * The one job a conversation delivery creates at ingress: turning it into Teams posts (HTML
 * conversion, cards) happens here, in the worker, so the webhook answers in a few milliseconds.
 * Its ordering key is the conversation's thread, so the posts it queues keep the events' order.
 */
export function mirrorEventJob(conversationId: string, eventId: string): NewJob {
    return { kind: MIRROR_EVENT_JOB, payload: { eventId }, orderingKey: `thread:intercom:${conversationId}`, dedupeKey: `mirror:intercom:${eventId}` };
}

/** Topics after which the root card shows something new (a customer message only adds a reply). */
function changesCard(topic: string): boolean {
    return topic !== 'conversation.user.created' && topic !== 'conversation.user.replied';
}

export interface MirrorDeps {
    db: Kysely<Database>;
    snapshots: ConversationSnapshotsRepo;
    sentParts: SentPartsRepo;
    routingRules: RoutingRulesRepo;
    /** Present when an access token is configured. */
    client?: IntercomClient;
    /** Waits and answers, for SLA reminders and figures. */
    activity?: ConversationActivity;
    directory?: IntercomDirectory;
    /** Posts in the conversation's thread. */
    poster: ThreadPoster;
}

/**
 * Reads the stored delivery and queues its Teams jobs. A conversation seen for the first time
 * through an event other than its creation (Deskbridge installed later, or a backfill) is read
 * whole from Intercom and starts its thread with the opening message; parts Deskbridge created
 * itself are skipped; a new thread goes where the routing rules say.
 */
export function mirrorEventHandler(deps: MirrorDeps): JobHandler {
    const { db } = deps;
    const mirror = conversationMirror(deps);
    return defineJobHandler({
        kind: MIRROR_EVENT_JOB,
        peer: 'deskbridge',
        payload: z.object({ eventId: z.string().min(1) }),
        async run({ eventId }, context) {
            const row = await db.selectFrom('inbox').select(['payload', 'topic']).where('source', '=', 'intercom').where('event_id', '=', eventId).executeTakeFirst();
            if (!row) throw new DeliveryError(`delivery ${eventId} is not in the inbox`, false, { peer: 'deskbridge' });
            if (!row.payload) throw new DeliveryError(`delivery ${eventId} is past the inbox retention: only its id is kept`, false, { peer: 'deskbridge' });
            const envelope = envelopeSchema.parse(JSON.parse(row.payload));
            if (isTicketTopic(envelope.topic)) {
                await mirrorTicket(deps, mirror, ticketSchema.parse(envelope.data.item), envelope.app_id, eventId, context.enqueue);
                return;
            }
            const conversation = conversationSchema.safeParse(envelope.data.item);
            // Checked lightly at ingress: a conversation Deskbridge cannot read will not improve by retrying.
            if (!conversation.success) throw new DeliveryError(`delivery ${eventId}: unreadable conversation: ${conversation.error.issues.map((i) => `data.item.${i.path.join('.')} ${i.message}`).join('; ')}`, false, { peer: 'deskbridge' });
            await context.enqueue(await mirror(conversation.data, envelope.topic, envelope.app_id, eventId));
        }
    });
}

/**
 * Builds the Teams jobs of one conversation event. Exported through {@link mirrorEventHandler}
 * for tickets, which mirror the conversation they belong to.
 */
export type MirrorConversation = (conversation: IntercomConversation, topic: string, appId: string | undefined, eventId: string, options?: { fetched?: boolean }) => Promise<NewJob[]>;

function conversationMirror(deps: MirrorDeps): MirrorConversation {
    const { snapshots, sentParts, routingRules, client, directory } = deps;
    return async (fromEvent, topic, appId, eventId, options = {}) => {
        let conversation = fromEvent;
        const key = threadKeyOf({ source: 'intercom', id: conversation.id });
        const previous = asSnapshot(await snapshots.get(key));
        const firstSeen = !previous;
        if (client && !options.fetched && firstSeen && topic !== 'conversation.user.created' && topic !== SYNC_TOPIC) {
            // Intercom's current copy; the webhook's when Intercom no longer has it.
            conversation = (await client.findConversation(conversation.id)) ?? conversation;
        }
        const snapshot = normalizeConversation(conversation, appId);
        if (previous && !appId) snapshot.url = previous.url;
        snapshot.lastAction = previous?.lastAction ?? null;
        if (directory) {
            const names = await directory.assigneeNames(snapshot.adminAssigneeId, snapshot.teamAssigneeId);
            snapshot.adminAssigneeName = names.admin;
            snapshot.teamAssigneeName = names.team;
        }
        let messages = messagesOf(conversation, topic, appId, { withOpening: firstSeen });
        // A backfill posts only the opening message of a new thread, and refreshes a known one.
        if (topic === SYNC_TOPIC) messages = firstSeen ? messages.slice(0, 1) : [];
        // A thread started from a later event gets the opening and the latest history.
        else if (firstSeen && messages.length > HISTORY_ON_START + 1) messages = [messages[0]!, ...messages.slice(-HISTORY_ON_START)];
        const echoes = await sentParts.sentAmong('intercom', messages.map((m) => m.id));
        messages = messages.filter((m) => !echoes.has(m.id));
        const destination = firstSeen ? await routeOf(routingRules, snapshot, messages[0]?.text ?? '') : undefined;
        await snapshots.save(key, snapshot);
        const slaJobs = deps.activity ? await recordActivity(deps.activity, key, snapshot, messages) : [];
        return [...mirrorConversationJobs(deps.poster, snapshot, messages, eventId, { refreshCard: !firstSeen && changesCard(topic), destination }), ...slaJobs];
    };
}

/**
 * Customer messages start a wait (with its SLA check), admin replies made in Intercom end it,
 * Fin's answers count as automation and its escalation as one; a closed conversation waits no more.
 */
async function recordActivity(activity: ConversationActivity, key: string, snapshot: ConversationSnapshot, messages: readonly ConversationMessage[]): Promise<NewJob[]> {
    const jobs: NewJob[] = [];
    for (const m of messages) {
        // The wait is counted from when the message reached the team (a backfilled or late
        // delivery must not raise an alarm for time nobody could act on).
        if (m.kind === 'customer') jobs.push(...(await activity.customerWrote(key, Date.now())));
        else if (m.kind === 'admin') await activity.humanAnswered(key);
        else if (m.kind === 'fin' || m.kind === 'bot') await activity.aiAnswered(key);
    }
    if (snapshot.fin.resolutionState === 'escalated' || snapshot.fin.resolutionState === 'routed_to_team') await activity.escalated(key);
    if (snapshot.state === 'closed') await activity.closed(key);
    return jobs;
}

async function routeOf(rules: RoutingRulesRepo, snapshot: ReturnType<typeof normalizeConversation>, opening: string): Promise<ThreadDestination | undefined> {
    const rule = pickRoute(await rules.list('intercom'), { ...snapshot, text: `${snapshot.subject}\n${opening}` });
    return rule ? { teamId: rule.teamId, channelId: rule.channelId } : undefined;
}
