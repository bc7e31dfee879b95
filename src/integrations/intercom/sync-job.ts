import type { Kysely } from 'kysely';
import { z } from 'zod';
import { defineJobHandler, type JobHandler } from '../../outbox/job-handler';
import type { NewJob } from '../../outbox/job-store';
import { storeDelivery } from '../../outbox/ingest';
import type { Database } from '../../store/schema';
import type { IntercomClient } from './client';
import { mirrorEventJob } from './mirror-job';
import { SYNC_TOPIC } from './topics';

export const SYNC_JOB = 'intercom.sync';

/** One page of `@Deskbridge sync`; `requestId` keeps a redelivered command from syncing twice. */
export function syncJob(requestId: string, startingAfter?: string): NewJob {
    return { kind: SYNC_JOB, payload: { requestId, startingAfter }, orderingKey: `intercom-sync:${requestId}`, dedupeKey: `sync:${requestId}:${startingAfter ?? 'first'}` };
}

/**
 * Backfills open conversations: reads a page of `POST /conversations/search` (state = open),
 * stores each conversation like a delivery (so the usual mirror job starts or refreshes its
 * thread, in order with real webhooks) and queues the next page.
 */
export function intercomSyncHandler(db: Kysely<Database>, client: IntercomClient): JobHandler {
    return defineJobHandler({
        kind: SYNC_JOB,
        peer: 'intercom',
        payload: z.object({ requestId: z.string().min(1), startingAfter: z.string().optional() }),
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
