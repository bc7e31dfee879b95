import type { Kysely } from 'kysely';
import { z } from 'zod';
import { mirrorConversationJobs } from '../../domain/mirror-conversation';
import { DeliveryError } from '../../outbox/delivery-error';
import { defineJobHandler, type JobHandler } from '../../outbox/job-handler';
import type { NewJob } from '../../outbox/job-store';
import type { Database } from '../../store/schema';
import type { IntercomDirectory } from './directory';
import { messagesOf, normalizeConversation } from './normalize';
import { conversationSchema, envelopeSchema } from './schemas';

export const MIRROR_EVENT_JOB = 'intercom.mirror_event';

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

/** Reads the stored delivery and queues its Teams jobs. */
export function mirrorEventHandler(db: Kysely<Database>, directory?: IntercomDirectory): JobHandler {
    return defineJobHandler({
        kind: MIRROR_EVENT_JOB,
        peer: 'deskbridge',
        payload: z.object({ eventId: z.string().min(1) }),
        async run({ eventId }, context) {
            const row = await db.selectFrom('inbox').select(['payload', 'topic']).where('source', '=', 'intercom').where('event_id', '=', eventId).executeTakeFirst();
            if (!row) throw new DeliveryError(`delivery ${eventId} is not in the inbox`, false, { peer: 'deskbridge' });
            const envelope = envelopeSchema.parse(JSON.parse(row.payload));
            const conversation = conversationSchema.parse(envelope.data.item);
            const snapshot = normalizeConversation(conversation, envelope.app_id);
            if (directory) {
                const names = await directory.assigneeNames(snapshot.adminAssigneeId, snapshot.teamAssigneeId);
                snapshot.adminAssigneeName = names.admin;
                snapshot.teamAssigneeName = names.team;
            }
            await context.enqueue(mirrorConversationJobs(snapshot, messagesOf(conversation, envelope.topic, envelope.app_id), eventId, { refreshCard: changesCard(envelope.topic) }));
        }
    });
}
