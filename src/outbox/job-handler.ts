import type { z } from 'zod/v4';
import type { Logger } from '../lib/logger';
import type { NewJob } from './job-store';
import type { RateBucket } from './rate-limits';

/** What a job handler gets besides its payload. */
export interface JobContext {
    jobId: number;
    attempt: number;
    logger: Logger;
    /**
     * Fired at the job timeout (`OUTBOX_JOB_TIMEOUT_MS`): stop, and make no further side effect.
     * Requests of the vendor clients made inside the job end with it (lib/job-signal.ts).
     */
    signal: AbortSignal;
    /** Queues follow-up jobs (e.g. after a thread exists, the replies that go into it). */
    enqueue(jobs: readonly NewJob[]): Promise<void>;
}

/**
 * One kind of outbound effect. Feature code registers handlers; the worker runs them with
 * ordering, rate limits, the peer's circuit breaker, retries and dead letters around them.
 * `run` throws on failure — a {@link DeliveryError} says whether it is worth retrying.
 */
export interface JobHandler<S extends z.ZodTypeAny = z.ZodTypeAny> {
    kind: string;
    /** The external system called: the circuit breaker and metrics key. */
    peer: string;
    payload: S;
    /** Buckets that must admit one more request before `run` starts. */
    rateBuckets?(payload: z.output<S>): RateBucket[] | Promise<RateBucket[]>;
    /**
     * Milliseconds until the peer accepts requests again by its own account (e.g. its rate-limit
     * headers), or until an earlier effect has been seen through; the job waits that long without
     * spending an attempt.
     */
    readyIn?(payload: z.output<S>): number | Promise<number>;
    /**
     * Jobs queued in the same transaction as this job becoming a dead letter — typically a note
     * in the Teams thread telling the agent what failed and why.
     */
    onDead?(payload: z.output<S>, reason: string): NewJob[];
    /**
     * Jobs queued when the first attempt fails and a retry is scheduled — to say early that a
     * peer is unavailable while the job keeps trying (e.g. "the AI is unavailable, answer yourself").
     */
    onFirstFailure?(payload: z.output<S>, reason: string): NewJob[];
    run(payload: z.output<S>, context: JobContext): Promise<void>;
}

/** Declares a handler with its payload type inferred from the schema. */
export function defineJobHandler<S extends z.ZodTypeAny>(handler: JobHandler<S>): JobHandler<S> {
    return handler;
}

/** The handlers by kind; a kind registered twice is a programming error. */
export class JobHandlers {
    private readonly byKind = new Map<string, JobHandler>();

    register(...handlers: JobHandler[]): this {
        for (const h of handlers) {
            if (this.byKind.has(h.kind)) throw new Error(`job kind ${h.kind} registered twice`);
            this.byKind.set(h.kind, h);
        }
        return this;
    }

    get(kind: string): JobHandler | undefined {
        return this.byKind.get(kind);
    }

    kinds(): string[] {
        return [...this.byKind.keys()];
    }
}
