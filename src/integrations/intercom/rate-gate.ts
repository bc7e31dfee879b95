/**
 * Intercom's rate limit as it reports it: each response carries `X-RateLimit-Remaining` (requests
 * left in the current window, which Intercom spreads over 10-second periods) and
 * `X-RateLimit-Reset` (epoch seconds when it refills). When the window is nearly spent, calls wait
 * for the reset instead of earning 429s.
 */
export class IntercomRateGate {
    private remaining?: number;
    private resetAt = 0;

    /** Keeps this many requests in reserve for calls already in flight from other workers. */
    constructor(private readonly reserve = 2) {}

    /** Reads the headers of a response (any status). */
    observe(headers: Record<string, unknown>, now = Date.now()): void {
        const remaining = Number(headers['x-ratelimit-remaining']);
        const reset = Number(headers['x-ratelimit-reset']);
        if (headers['x-ratelimit-remaining'] !== undefined && Number.isFinite(remaining)) this.remaining = remaining;
        if (headers['x-ratelimit-reset'] !== undefined && Number.isFinite(reset) && reset > 0) this.resetAt = reset * 1000;
        if (this.resetAt <= now) this.remaining = undefined;
    }

    /** Milliseconds to wait before the next request; 0 when it may go now. */
    waitMs(now = Date.now()): number {
        if (this.remaining === undefined || this.resetAt <= now) return 0;
        return this.remaining <= this.reserve ? this.resetAt - now : 0;
    }
}
