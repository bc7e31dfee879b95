import type { Kysely } from 'kysely';
import { z } from 'zod/v4';
import type { MirrorKind, SupportMirror } from '../../domain/helpdesk';
import type { ThreadPoster } from '../../domain/thread-post';
import { DeliveryError } from '../../lib/delivery-error';
import type { JobHandler } from '../../outbox/job-handler';
import { jobType } from '../../outbox/job-type';
import type { NewJob } from '../../outbox/job-store';
import { storeDelivery } from '../../outbox/ingest';
import type { ConversationSnapshotsRepo } from '../../store/conversation-snapshots-repo';
import type { Database } from '../../store/schema';
import type { IntercomClient } from './client';
import { tierOf } from './adapter';
import { messagesOf, normalizeConversation } from './normalize';
import { conversationSchema, envelopeSchema, ticketSchema, type IntercomConversation } from './schemas';
import { mirrorTicket } from './ticket-event';
import { SYNC_TOPIC, isTicketTopic } from './topics';

/**
 * The one job a conversation delivery creates at ingress: turning it into Teams posts (HTML
 * conversion, cards) happens here, in the worker, so the webhook answers in a few milliseconds.
 * Its ordering key is the conversation's thread, so the posts it queues keep the events' order.
 */
export const MIRROR_EVENT = jobType({
    kind: 'intercom.mirror_event',
    peer: 'deskbridge',
    // `conversationId` only orders the job (jobs queued before it existed have none).
    payload: z.object({ eventId: z.string().min(1), conversationId: z.string().optional() }),
    // No dedupe key: queued only with its delivery's inbox row (see JobTypeSpec.dedupeKey).
    orderingKey: (p) => `thread:intercom:${p.conversationId}`
});

/** One page of `@Deskbridge sync`; `requestId` keeps a redelivered command from syncing twice. */
export const SYNC = jobType({
    kind: 'intercom.sync',
    peer: 'intercom',
    payload: z.object({ requestId: z.string().min(1), startingAfter: z.string().optional() }),
    orderingKey: (p) => `intercom-sync:${p.requestId}`,
    dedupeKey: (p) => `sync:${p.requestId}:${p.startingAfter ?? 'first'}`
});

export const MIRROR_EVENT_JOB = MIRROR_EVENT.kind;
export const SYNC_JOB = SYNC.kind;

export const mirrorEventJob = (conversationId: string, eventId: string): NewJob => MIRROR_EVENT.create({ eventId, conversationId });
export const syncJob = (requestId: string, startingAfter?: string): NewJob => SYNC.create({ requestId, startingAfter });

/** What a topic means for the thread: a customer message only adds a reply; most topics change the card. */
function kindOf(topic: string): MirrorKind {
    if (topic === 'conversation.user.created') return 'created';
    if (topic === 'conversation.user.replied') return 'message';
    if (topic === SYNC_TOPIC) return 'sync';
    return 'changed';
}

export interface IntercomJobDeps {
    db: Kysely<Database>;
    snapshots: ConversationSnapshotsRepo;
    /** The support flow's mirror. */
    mirror: SupportMirror;
    poster: ThreadPoster;
    /** Present when an access token is configured. */
    client?: IntercomClient;
    /** The contact attribute with the customer's plan (`INTERCOM_TIER_ATTRIBUTE`). */
    tierAttribute: string;
}

/**
 * Builds the Teams jobs of one Intercom conversation event through the support flow. A
 * conversation seen for the first time through an event other than its creation (Deskbridge
 * installed later) is read whole from Intercom — the webhook's copy when Intercom no longer has it.
 */
export type MirrorConversation = (conversation: IntercomConversation, topic: string, appId: string | undefined, eventId: string, enqueue: (jobs: readonly NewJob[]) => Promise<void>, options?: { fetched?: boolean }) => Promise<void>;

export function intercomConversationMirror(deps: IntercomJobDeps): MirrorConversation {
    const { client } = deps;
    return (fromEvent, topic, appId, eventId, enqueue, options = {}) =>
        deps.mirror(
            {
            source: 'intercom',
            conversationId: fromEvent.id,
            eventId,
            kind: kindOf(topic),
            async read(previous, want) {
                let conversation = fromEvent;
                if (client && !options.fetched && !previous && topic !== 'conversation.user.created' && topic !== SYNC_TOPIC) {
                    conversation = (await client.findConversation(conversation.id)) ?? conversation;
                }
                const snapshot = normalizeConversation(conversation, appId);
                if (previous && !appId) snapshot.url = previous.url;
                if (want.tier && client) snapshot.tier = await tierOf(client, conversation, deps.tierAttribute);
                return { snapshot, messages: messagesOf(conversation, topic, appId, { withOpening: !previous }) };
            }
            },
            enqueue
        );
}

/**
 * `intercom.mirror_event`: reads the stored delivery and queues its Teams jobs — conversations
 * through the support flow, tickets as a line in their conversation's thread.
 */
export function mirrorEventHandler(deps: IntercomJobDeps): JobHandler {
    const { db } = deps;
    const mirror = intercomConversationMirror(deps);
    return MIRROR_EVENT.handler({
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
            await mirror(conversation.data, envelope.topic, envelope.app_id, eventId, context.enqueue);
        }
    });
}

/**
 * `intercom.sync`: backfills open conversations — reads a page of `POST /conversations/search`
 * (state = open), stores each conversation like a delivery (so the usual mirror job starts or
 * refreshes its thread, in order with real webhooks) and queues the next page.
 */
export function intercomSyncHandler(db: Kysely<Database>, client: IntercomClient): JobHandler {
    return SYNC.handler({
        readyIn: () => client.rateGate.waitMs(),
        async run({ requestId, startingAfter }, context) {
            const page = await client.searchOpenConversations(startingAfter);
            const now = Date.now();
            await db.transaction().execute(async (trx) => {
                for (const conversation of page.conversations) {
                    // The same state synced twice is one delivery; a later state is a new one.
                    const eventId = `sync:${conversation.id}:${conversation.updated_at ?? now}`;
                    const payload = { type: 'notification_event', id: eventId, topic: SYNC_TOPIC, created_at: Math.floor(now / 1000), data: { item: conversation } };
                    await storeDelivery(trx, { source: 'intercom', eventId, topic: SYNC_TOPIC, payload }, [mirrorEventJob(conversation.id, eventId)], now);
                }
            });
            context.logger.info({ conversations: page.conversations.length, more: !!page.next }, 'intercom: synced a page of open conversations');
            if (page.next) await context.enqueue([syncJob(requestId, page.next)]);
        }
    });
}
