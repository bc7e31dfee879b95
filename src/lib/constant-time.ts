import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a presented secret with the expected one in constant time. Both are hashed first so
 * that inputs of different lengths compare without leaking the expected length.
 */
export function secretEquals(presented: string | undefined, expected: string | undefined): boolean {
    if (presented === undefined || expected === undefined || expected.length === 0) return false;
    const a = createHash('sha256').update(presented, 'utf8').digest();
    const b = createHash('sha256').update(expected, 'utf8').digest();
    return timingSafeEqual(a, b);
}
