import { sql, type Kysely } from 'kysely';
import type { Database } from '../store/schema';

/** At most `max` sends in any sliding window of `windowMs`. */
export interface Limit {
    max: number;
    windowMs: number;
}

/** One counter (a Teams conversation, a tenant, a peer) with the windows that apply to it. */
export interface RateBucket {
    key: string;
    limits: readonly Limit[];
}

/** Teams, per bot per conversation (all reply chains of a channel together). */
export const TEAMS_CONVERSATION_LIMITS: readonly Limit[] = [
    { max: 7, windowMs: 1000 },
    { max: 8, windowMs: 2000 },
    { max: 60, windowMs: 30_000 },
    { max: 1800, windowMs: 3_600_000 }
];
/** Teams, per app per tenant. */
export const TEAMS_TENANT_LIMITS: readonly Limit[] = [{ max: 30, windowMs: 1000 }];

/** A reserved send. `release` records when its request ended; until then it counts as "now". */
export interface Reservation {
    release(endedAt?: number): Promise<void>;
}

/**
 * Reserves one send in every bucket, or says how long to wait. A reservation is all-or-nothing:
 * either every bucket counts the send, or none does.
 *
 * Peers count a request when it arrives, somewhere between its start and its end. So a send
 * counts in every window that ends after its request ended, and while it is in flight it counts
 * in all of them: then no window of arrivals can hold more than the limit, however much the
 * sending process stalls between reserving and sending.
 */
export interface RateLimiter {
    tryAcquire(buckets: readonly RateBucket[], now?: number): Promise<{ wait: number; reservation?: Reservation }>;
}

/**
 * A send in flight is recorded as ending this long after it started (no request outlives the
 * job timeout), so that a process that dies mid-request does not block a bucket forever.
 */
export const MAX_IN_FLIGHT_MS = 60_000;
/** Re-check interval when the window is full of sends still in flight. */
const IN_FLIGHT_RECHECK_MS = 10;

/** How long until one more send fits in `limit`, given the sends' end times (sorted ascending). */
function waitFor(times: readonly number[], limit: Limit, now: number): number {
    const since = now - limit.windowMs;
    let inWindow = 0;
    let firstIndex = times.length;
    for (let i = times.length - 1; i >= 0 && times[i]! > since; i--) {
        inWindow++;
        firstIndex = i;
    }
    if (inWindow < limit.max) return 0;
    // The send that must leave the window before one more fits.
    const mustExpire = times[firstIndex + (inWindow - limit.max)]!;
    if (mustExpire > now) return IN_FLIGHT_RECHECK_MS;
    return Math.max(1, mustExpire + limit.windowMs - now + 1);
}

/** Sliding-window log in memory: for one process (the SQLite deployment). */
export class MemoryRateLimiter implements RateLimiter {
    private readonly sends = new Map<string, Array<{ at: number }>>();

    async tryAcquire(buckets: readonly RateBucket[], now = Date.now()): Promise<{ wait: number; reservation?: Reservation }> {
        let wait = 0;
        for (const bucket of buckets) {
            const times = this.prune(bucket, now)
                .map((e) => e.at)
                .sort((a, b) => a - b);
            for (const limit of bucket.limits) wait = Math.max(wait, waitFor(times, limit, now));
        }
        if (wait > 0) return { wait };
        const entry = { at: now + MAX_IN_FLIGHT_MS };
        for (const bucket of buckets) this.sends.get(bucket.key)!.push(entry);
        return {
            wait: 0,
            reservation: {
                release: async (endedAt = Date.now()) => {
                    entry.at = endedAt;
                }
            }
        };
    }

    private prune(bucket: RateBucket, now: number): Array<{ at: number }> {
        const longest = Math.max(...bucket.limits.map((l) => l.windowMs));
        let entries = this.sends.get(bucket.key);
        if (!entries) {
            entries = [];
            this.sends.set(bucket.key, entries);
        }
        const kept = entries.filter((e) => e.at > now - longest);
        if (kept.length !== entries.length) {
            entries.length = 0;
            entries.push(...kept);
        }
        return entries;
    }
}

/**
 * Sliding-window log in PostgreSQL, shared by every instance: each reservation locks its
 * buckets (transaction-scoped advisory locks, taken in key order so two reservations never
 * deadlock), counts the sends in each window and records the new one as in flight.
 */
export class PostgresRateLimiter implements RateLimiter {
    private lastCleanup = 0;

    constructor(private readonly db: Kysely<Database>) {}

    async tryAcquire(requested: readonly RateBucket[], at?: number): Promise<{ wait: number; reservation?: Reservation }> {
        const ordered = [...requested].sort((a, b) => a.key.localeCompare(b.key));
        let now = at ?? Date.now();
        const result = await this.db.transaction().execute(async (trx) => {
            for (const bucket of ordered) {
                await sql`select pg_advisory_xact_lock(hashtextextended(${`rate:${bucket.key}`}, 0))`.execute(trx);
            }
            // The time of the send is when we hold the locks, not when we started waiting for them.
            if (at === undefined) now = Date.now();
            let longestWait = 0;
            for (const bucket of ordered) {
                const longest = Math.max(...bucket.limits.map((l) => l.windowMs));
                const rows = await trx
                    .selectFrom('rate_sends')
                    .select('sent_at')
                    .where('bucket', '=', bucket.key)
                    .where('sent_at', '>', now - longest)
                    .orderBy('sent_at')
                    .execute();
                const times = rows.map((r) => Number(r.sent_at));
                for (const limit of bucket.limits) longestWait = Math.max(longestWait, waitFor(times, limit, now));
            }
            if (longestWait > 0) return { wait: longestWait, ids: [] as number[] };
            const inserted = await trx
                .insertInto('rate_sends')
                .values(ordered.map((b) => ({ bucket: b.key, sent_at: now + MAX_IN_FLIGHT_MS })))
                .returning('id')
                .execute();
            return { wait: 0, ids: inserted.map((r) => Number(r.id)) };
        });
        if (now - this.lastCleanup > 60_000) {
            this.lastCleanup = now;
            await this.db.deleteFrom('rate_sends').where('sent_at', '<', now - 3_600_000).execute();
        }
        if (result.wait > 0) return { wait: result.wait };
        return {
            wait: 0,
            reservation: {
                release: async (endedAt = Date.now()) => {
                    await this.db.updateTable('rate_sends').set({ sent_at: endedAt }).where('id', 'in', result.ids).execute();
                }
            }
        };
    }
}

/** A permit for one request to a rate-limited peer; release it when the request has ended. */
export type RequestGate = () => Promise<Reservation>;

/**
 * A gate that every request to a peer passes through, on the same limiter as the jobs (so the
 * limit holds across instances on PostgreSQL): it waits for a free slot, and for a pause the peer
 * asked for with `Retry-After` (see `pause`), at most `maxWaitMs` before giving up (a retryable
 * failure: the job that made the request is retried later).
 */
export function requestGate(limiter: RateLimiter, bucket: RateBucket, options: { maxWaitMs?: number; onWait?: (ms: number) => void } = {}): RequestGate & { pause(ms: number): void } {
    const maxWaitMs = options.maxWaitMs ?? 10_000;
    let pausedUntil = 0;
    const gate = async (): Promise<Reservation> => {
        const deadline = Date.now() + maxWaitMs;
        for (;;) {
            const now = Date.now();
            const paused = pausedUntil - now;
            const result = paused > 0 ? { wait: paused } : await limiter.tryAcquire([bucket], now);
            if (result.reservation) return result.reservation;
            if (now + result.wait > deadline) throw new RateGateTimeout(bucket.key, result.wait);
            options.onWait?.(result.wait);
            await new Promise((resolve) => setTimeout(resolve, result.wait));
        }
    };
    return Object.assign(gate, {
        pause(ms: number) {
            pausedUntil = Math.max(pausedUntil, Date.now() + ms);
        }
    });
}

/** A request that could not get a slot within its gate's wait: retry the job later. */
export class RateGateTimeout extends Error {
    constructor(
        readonly bucket: string,
        readonly retryAfterMs: number
    ) {
        super(`${bucket}: no request slot within the wait; retrying later`);
        this.name = 'RateGateTimeout';
    }
}
