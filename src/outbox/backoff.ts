/** Retry timing for outbox jobs. */
export interface BackoffOptions {
    /** Delay before the first retry. */
    baseMs: number;
    /** No retry waits longer than this (Retry-After too is capped by it). */
    capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, capMs: 10 * 60 * 1000 };

/**
 * Delay before retry number `attempt` (1 = first retry): exponential with "full jitter" — a
 * random delay between half and all of base·2^(attempt-1) ("equal jitter"), capped — so that many jobs failing together do not
 * come back together. A peer's Retry-After is honoured as a floor.
 */
export function retryDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF, retryAfterMs?: number, random: () => number = Math.random): number {
    const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.max(0, attempt - 1));
    const jittered = Math.round(ceiling / 2 + (random() * ceiling) / 2);
    return Math.min(options.capMs, Math.max(jittered, retryAfterMs ?? 0));
}
