import type { Kysely } from 'kysely';
import { z } from 'zod/v4';
import type { HelpdeskAdapter, MirrorKind, SupportMirror } from '../../domain/helpdesk';
import { DeliveryError } from '../../lib/delivery-error';
import { storeDelivery } from '../../outbox/ingest';
import type { JobHandler } from '../../outbox/job-handler';
import { jobType } from '../../outbox/job-type';
import type { NewJob } from '../../outbox/job-store';
import type { Database } from '../../store/schema';
import type { ZendeskClient } from './client';

/** The topic of a ticket stored by `@Deskbridge sync` (never accepted from a webhook). */
export const SYNC_TOPIC = 'deskbridge.sync';

/** The one job of a Zendesk delivery: read the ticket and mirror it, on the ticket's thread. */
export const MIRROR_TICKET = jobType({
    kind: 'zendesk.mirror_ticket',
    peer: 'zendesk',
    payload: z.object({ eventId: z.string().min(1), ticketId: z.string().regex(/^\d{1,16}$/) }),
    // No dedupe key: queued only with its delivery's inbox row (see JobTypeSpec.dedupeKey).
    orderingKey: (p) => `thread:zendesk:${p.ticketId}`
});

/** One page of `@Deskbridge sync zendesk`. */
export const SYNC = jobType({
    kind: 'zendesk.sync',
    peer: 'zendesk',
    payload: z.object({ requestId: z.string().min(1), page: z.number().int().min(1).max(10) }),
    orderingKey: (p) => `zendesk-sync:${p.requestId}`,
    dedupeKey: (p) => `zendesk-sync:${p.requestId}:${p.page}`
});

export const TICKET_JOB = MIRROR_TICKET.kind;
export const SYNC_JOB = SYNC.kind;

export const ticketJob = (ticketId: string, eventId: string): NewJob => MIRROR_TICKET.create({ eventId, ticketId });
export const syncJob = (requestId: string, page = 1): NewJob => SYNC.create({ requestId, page });

/** A new ticket starts its thread; a comment adds replies; a sync backfills; any other event may change the card. */
function kindOf(topic: string): MirrorKind {
    if (topic === 'ticket.created') return 'created';
    if (topic === 'ticket.comment_added') return 'message';
    if (topic === SYNC_TOPIC) return 'sync';
    return 'changed';
}

export interface ZendeskJobDeps {
    db: Kysely<Database>;
    mirror: SupportMirror;
    /** Reads tickets (its `fetch`). */
    adapter: HelpdeskAdapter;
    /** Its rate limit. */
    client: ZendeskClient;
}

/**
 * `zendesk.mirror_ticket`: a delivery is a notification — whatever its event carried, the job
 * reads the ticket through the adapter (the ticket, its latest comments and their authors), so
 * the thread is right even when events arrive late, twice or out of order; only comments after
 * the thread's cursor post.
 */
export function ticketMirrorHandler(deps: ZendeskJobDeps): JobHandler {
    const { db, client, adapter } = deps;
    return MIRROR_TICKET.handler({
        readyIn: () => client.rateGate.waitMs(),
        async run({ eventId, ticketId }, context) {
            const row = await db.selectFrom('inbox').select(['topic']).where('source', '=', 'zendesk').where('event_id', '=', eventId).executeTakeFirst();
            if (!row) throw new DeliveryError(`delivery ${eventId} is not in the inbox`, false, { peer: 'deskbridge' });
            await deps.mirror(
                {
                    source: 'zendesk',
                    conversationId: ticketId,
                    eventId,
                    kind: kindOf(row.topic ?? ''),
                    async read(previous, want) {
                        const read = await adapter.fetch(ticketId, previous, want);
                        if (!read) throw new DeliveryError(`ticket ${ticketId} no longer exists in Zendesk`, false, { status: 404, peer: 'zendesk' });
                        return read;
                    }
                },
                context.enqueue
            );
        }
    });
}

/**
 * `zendesk.sync`: backfills unsolved tickets — a page of the search API, each ticket stored like a
 * delivery (so the usual mirror job starts or refreshes its thread, in order with real webhooks),
 * then the next page.
 */
export function zendeskSyncHandler(db: Kysely<Database>, client: ZendeskClient): JobHandler {
    return SYNC.handler({
        readyIn: () => client.rateGate.waitMs(),
        async run({ requestId, page }, context) {
            const result = await client.searchUnsolvedTickets(page);
            const now = Date.now();
            await db.transaction().execute(async (trx) => {
                for (const ticket of result.tickets) {
                    // The same state synced twice is one delivery; a later state is a new one.
                    const eventId = `sync:${ticket.id}:${ticket.updated_at ?? now}`;
                    await storeDelivery(trx, { source: 'zendesk', eventId, topic: SYNC_TOPIC, payload: { ticket_id: ticket.id, synced_at: now }, subject: `zendesk:${ticket.id}` }, [ticketJob(ticket.id, eventId)], now);
                }
            });
            context.logger.info({ tickets: result.tickets.length, more: !!result.nextPage }, 'zendesk: synced a page of unsolved tickets');
            if (result.nextPage) await context.enqueue([syncJob(requestId, result.nextPage)]);
        }
    });
}
