import type { Delivery, IngestResult } from '../outbox/ingest';
import type { NewJob } from '../outbox/job-store';

/**
 * The contract between a vendor's webhook and the generic route that mounts it
 * (`src/http/webhook-route.ts`). The route reads and bounds the body, answers errors as JSON and
 * stores what the ingress returns in one transaction before answering; the ingress, in the
 * vendor's folder, knows only its vendor: how a delivery is authenticated and what it means.
 */
export interface WebhookRequest {
    /** The body exactly as received. */
    raw: Buffer;
    /** The body parsed as JSON (and its text); parsed on first use, i.e. only once authentic. */
    body: { text: string; value: unknown };
    /** The body as `application/x-www-form-urlencoded` text (415 for another type, 400 for broken escapes); read on first use. */
    form: string;
    /** Lower-case header names. */
    header(name: string): string | undefined;
    query: Readonly<Record<string, string | undefined>>;
}

/** What to store for a delivery, and what to answer once it is stored. */
export interface IngressOutcome {
    /** Stored together (deduplicated by source and event id), then answered. */
    deliveries: ReadonlyArray<{ delivery: Delivery; jobs: readonly NewJob[] }>;
    /** The answer once stored, from the store's verdict on each delivery (same order). */
    answer: (results: readonly IngestResult[]) => { status: number; body: unknown };
    /** What kind of delivery it was, for the metrics (e.g. the topic group). */
    kind: string;
}

export interface WebhookIngress {
    /** The inbox source, also the metrics label (`intercom`). */
    source: string;
    /** `POST` path. */
    path: string;
    /**
     * Throws an {@link HttpError} (401/403) unless the delivery is authentic — checked on the raw
     * bytes, in constant time — or the webhook is switched off.
     */
    authenticate(request: WebhookRequest): void;
    /**
     * Validates and interprets an authentic delivery; throws an HttpError (4xx) for a bad one. An
     * item of a multi-item delivery that cannot be used is reported to `skip` (counted in
     * `deskbridge_webhook_items_skipped_total` and logged) instead of failing the delivery.
     */
    accept(request: WebhookRequest, skip: (reason: string, detail?: Record<string, unknown>) => void): IngressOutcome;
    /** Answer `HEAD` on the path with 200 (Intercom checks the endpoint so when it is configured). */
    head?: boolean;
}
