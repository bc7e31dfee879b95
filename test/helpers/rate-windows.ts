import type { Limit } from '../../src/outbox/rate-limits';

/** The largest number of timestamps found in any window of `limit.windowMs` (two-pointer sweep). */
export function maxInWindow(times: readonly number[], windowMs: number): number {
    const sorted = [...times].sort((a, b) => a - b);
    let best = 0;
    let start = 0;
    for (let end = 0; end < sorted.length; end++) {
        while (sorted[end]! - sorted[start]! >= windowMs) start++;
        best = Math.max(best, end - start + 1);
    }
    return best;
}

/** Every window of `limits` that `times` exceeds, as readable strings (empty when none). */
export function windowViolations(label: string, times: readonly number[], limits: readonly Limit[]): string[] {
    return limits
        .map((l) => ({ l, n: maxInWindow(times, l.windowMs) }))
        .filter(({ l, n }) => n > l.max)
        .map(({ l, n }) => `${label}: ${n} sends within ${l.windowMs} ms (limit ${l.max})`);
}
