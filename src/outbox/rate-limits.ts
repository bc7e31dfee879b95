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
/** Intercom: 10,000 calls a minute, spread by Intercom over 10-second windows. */
export const INTERCOM_LIMITS: readonly Limit[] = [{ max: 1666, windowMs: 10_000 }];
/** Kommo: 7 requests a second. */
export const KOMMO_LIMITS: readonly Limit[] = [{ max: 7, windowMs: 1000 }];

/**
 * Reserves one send in every bucket, or says how long to wait. A reservation is all-or-nothing:
 * either every bucket counts the send, or none does.
 */
export interface RateLimiter {
    /** 0 when the send is reserved now; otherwise the milliseconds until it could be. */
    tryAcquire(buckets: readonly RateBucket[], now?: number): Promise<number>;
}

/** How long until one more send fits in `limit`, given the send times in the window (sorted). */
function waitFor(times: readonly number[], limit: Limit, now: number): number {
    const since = now - limit.windowMs;
    let inWindow = 0;
    let firstIndex = times.length;
    for (let i = times.length - 1; i >= 0 && times[i]! > since; i--) {
        inWindow++;
        firstIndex = i;
    }
    if (inWindow < limit.max) return 0;
    // The oldest send that must leave the window before one more fits.
    const mustExpire = times[firstIndex + (inWindow - limit.max)]!;
    return Math.max(1, mustExpire + limit.windowMs - now + 1);
}

/**
 * Widens every window by `marginMs`: a send is counted when it leaves, but the peer counts it
 * when it arrives, and arrival times jitter.
 */
function withMargin(buckets: readonly RateBucket[], marginMs: number): RateBucket[] {
    return buckets.map((b) => ({ key: b.key, limits: b.limits.map((l) => ({ max: l.max, windowMs: l.windowMs + marginMs })) }));
}

/** Sliding-window log in memory: for one process (the SQLite deployment). */
export class MemoryRateLimiter implements RateLimiter {
    private readonly sends = new Map<string, number[]>();

    constructor(private readonly marginMs = 0) {}

    async tryAcquire(requested: readonly RateBucket[], now = Date.now()): Promise<number> {
        const buckets = withMargin(requested, this.marginMs);
        let wait = 0;
        for (const bucket of buckets) {
            const times = this.prune(bucket, now);
            for (const limit of bucket.limits) wait = Math.max(wait, waitFor(times, limit, now));
        }
        if (wait > 0) return wait;
        for (const bucket of buckets) this.sends.get(bucket.key)!.push(now);
        return 0;
    }

    private prune(bucket: RateBucket, now: number): number[] {
        const longest = Math.max(...bucket.limits.map((l) => l.windowMs));
        let times = this.sends.get(bucket.key);
        if (!times) {
            times = [];
            this.sends.set(bucket.key, times);
        }
        let drop = 0;
        while (drop < times.length && times[drop]! <= now - longest) drop++;
        if (drop > 0) times.splice(0, drop);
        return times;
    }
}

/**
 * Sliding-window log in PostgreSQL, shared by every instance: each reservation locks its
 * buckets (transaction-scoped advisory locks, taken in key order so two reservations never
 * deadlock), counts the sends in each window and records the new one.
 */
export class PostgresRateLimiter implements RateLimiter {
    private lastCleanup = 0;

    constructor(
        private readonly db: Kysely<Database>,
        private readonly marginMs = 0
    ) {}

    async tryAcquire(requested: readonly RateBucket[], at?: number): Promise<number> {
        const ordered = withMargin(requested, this.marginMs).sort((a, b) => a.key.localeCompare(b.key));
        let now = at ?? Date.now();
        const wait = await this.db.transaction().execute(async (trx) => {
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
            if (longestWait > 0) return longestWait;
            await trx.insertInto('rate_sends').values(ordered.map((b) => ({ bucket: b.key, sent_at: now }))).execute();
            return 0;
        });
        if (now - this.lastCleanup > 60_000) {
            this.lastCleanup = now;
            await this.db.deleteFrom('rate_sends').where('sent_at', '<', now - 3_600_000).execute();
        }
        return wait;
    }
}
