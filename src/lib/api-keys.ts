import { secretEquals } from './constant-time';

/**
 * Whether a presented key is one of the configured keys (comma-separated, so that a key can be
 * rotated without downtime), compared in constant time with every key (no early exit: timing
 * does not tell which one matched). No configured key matches nothing.
 */
export function apiKeyMatches(presented: string | undefined, configured: string | undefined): boolean {
    const keys = (configured ?? '').split(',').map((k) => k.trim()).filter((k) => k.length > 0);
    let ok = false;
    for (const key of keys) ok = secretEquals(presented, key) || ok;
    return ok;
}

/** True when at least one key is configured (the API is on). */
export function apiKeysConfigured(configured: string | undefined): boolean {
    return (configured ?? '').split(',').some((k) => k.trim().length > 0);
}
