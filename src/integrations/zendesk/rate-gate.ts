/**
 * Zendesk's rate limit as it reports it: responses carry `X-Rate-Limit-Remaining` (requests left
 * this minute) and, on newer plans, `ratelimit-remaining` / `ratelimit-reset` (seconds until the
 * window refills); a 429 carries `Retry-After` (seconds). When the window is spent, calls wait
 * that long (Zendesk's minute when it says nothing) instead of earning 429s.
 */
export class ZendeskRateGate {
    private until = 0;

    constructor(private readonly reserve = 2) {}

    observe(headers: Record<string, unknown>, now = Date.now()): void {
        const remaining = Number(headers['ratelimit-remaining'] ?? headers['x-rate-limit-remaining']);
        if (!Number.isFinite(remaining) || remaining > this.reserve) return;
        const reset = Number(headers['ratelimit-reset'] ?? headers['retry-after']);
        // Without a reset or Retry-After header the window is Zendesk's minute.
        this.until = now + (Number.isFinite(reset) && reset > 0 ? reset * 1000 : 60_000);
    }

    /** Milliseconds to wait before the next request; 0 when it may go now. */
    waitMs(now = Date.now()): number {
        return Math.max(0, this.until - now);
    }
}
