import type { z } from 'zod/v4';
import type { JobHandler } from './job-handler';
import type { NewJob } from './job-store';

/** What a job kind is, declared once: its name, the system it calls, its payload, its keys. */
export interface JobTypeSpec<S extends z.ZodTypeAny> {
    kind: string;
    /** The external system called: the circuit breaker and metrics key. */
    peer: string;
    /** Checked by the worker before the handler runs (a payload that fails it is a dead letter). */
    payload: S;
    /** Jobs with the same ordering key run one after another, in the order they were queued. */
    orderingKey: (payload: z.input<S>) => string;
    /**
     * A second job with the same dedupe key is not queued (an event's effect happens once). A job
     * queued only by `storeDelivery`, with its delivery's inbox row in the same transaction, needs
     * none: a redelivery already stops at the inbox's unique (source, event_id). A key there would
     * be a second index entry per delivery at a random place (vendors' event ids are UUIDs), which
     * a burst's group commit paid for with about 16 more pages written to the log: ~30 µs a delivery.
     */
    dedupeKey?: (payload: z.input<S>) => string | undefined;
}

/**
 * A job kind as one object: whoever queues a job and the handler that runs it share its kind,
 * payload schema and keys, so they cannot drift apart. `create` builds a job (typed by the
 * schema's input); `handler` binds how it runs — with its limits (`rateBuckets`, `readyIn`) and
 * what a dead letter leaves behind — to the same kind, payload and peer.
 */
export interface JobType<S extends z.ZodTypeAny> extends Readonly<JobTypeSpec<S>> {
    create(payload: z.input<S>, options?: { dedupeKey?: string; runAt?: number; maxAttempts?: number }): NewJob;
    handler(behaviour: Omit<JobHandler<S>, 'kind' | 'payload' | 'peer'>): JobHandler<S>;
}

/** Declares a job kind (see {@link JobType}). */
export function jobType<S extends z.ZodTypeAny>(spec: JobTypeSpec<S>): JobType<S> {
    return {
        ...spec,
        create(payload, options = {}) {
            const job: NewJob = { kind: spec.kind, payload, orderingKey: spec.orderingKey(payload) };
            const dedupeKey = options.dedupeKey ?? spec.dedupeKey?.(payload);
            if (dedupeKey !== undefined) job.dedupeKey = dedupeKey;
            if (options.runAt !== undefined) job.runAt = options.runAt;
            if (options.maxAttempts !== undefined) job.maxAttempts = options.maxAttempts;
            return job;
        },
        handler: (behaviour) => ({ ...behaviour, kind: spec.kind, payload: spec.payload, peer: spec.peer })
    };
}
