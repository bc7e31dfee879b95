import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../store/schema';
import { enqueueJobs, type NewJob } from './job-store';

/** A webhook delivery as received, identified by its source's own event id. */
export interface Delivery {
    /** `intercom`, `kommo`, `leads`, … */
    source: string;
    /** The source's id of the event (Intercom notification id, Kommo message id, lead external id). */
    eventId: string;
    topic?: string;
    payload: unknown;
    /**
     * The payload already as JSON text — the request body exactly as received — stored as is
     * instead of serialising `payload` again (the ingest hot path).
     */
    payloadJson?: string;
    /** The bytes as received, when they are not valid UTF-8 (kept so the signature still matches). */
    rawBytes?: Buffer;
    /** The thread the delivery belongs to (`intercom:<id>`): its id outlives the body while the thread exists. */
    subject?: string;
}

/** The text stored in the inbox for a delivery. */
export function inboxPayload(delivery: Delivery): string {
    return delivery.payloadJson ?? JSON.stringify(delivery.payload);
}

export type IngestResult = { stored: true; jobs: number } | { stored: false; duplicate: true };

/**
 * Stores a delivery and the jobs it causes in one transaction, so that a delivery is either
 * acknowledged with all its effects queued, or not at all. A delivery seen before is a no-op:
 * retries by the sender never cause a second effect.
 */
export async function ingestDelivery(db: Kysely<Database>, delivery: Delivery, jobs: readonly NewJob[], now = Date.now()): Promise<IngestResult> {
    return db.transaction().execute((trx) => storeDelivery(trx, delivery, jobs, now));
}

/** Stores one delivery and its jobs inside the caller's transaction (see {@link ingestDelivery}). */
export async function storeDelivery(trx: Transaction<Database>, delivery: Delivery, jobs: readonly NewJob[], now = Date.now()): Promise<IngestResult> {
    const inserted = await trx
        .insertInto('inbox')
        .values({ source: delivery.source, event_id: delivery.eventId, topic: delivery.topic ?? null, payload: inboxPayload(delivery), received_at: now, raw_body: delivery.rawBytes ?? null, subject: delivery.subject ?? null })
        .onConflict((oc) => oc.columns(['source', 'event_id']).doNothing())
        .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) return { stored: false, duplicate: true } as const;
    const added = await enqueueJobs(trx, jobs, now);
    return { stored: true, jobs: added } as const;
}
