import { createHmac, timingSafeEqual } from 'node:crypto';

/** Hex HMAC of the exact bytes received. */
export function hmacHex(algorithm: 'sha1' | 'sha256', key: string, raw: Buffer): string {
    return createHmac(algorithm, key).update(raw).digest('hex');
}

/**
 * Checks a `<prefix><hex HMAC>` signature header against the raw body in constant time.
 * Returns false for a missing, malformed or wrong signature.
 */
export function verifyHmacHeader(algorithm: 'sha1' | 'sha256', prefix: string, key: string, raw: Buffer, header: string | undefined): boolean {
    if (!header || !header.startsWith(prefix)) return false;
    const presented = header.slice(prefix.length).trim().toLowerCase();
    if (!/^[0-9a-f]+$/.test(presented)) return false;
    const expected = Buffer.from(hmacHex(algorithm, key, raw), 'hex');
    const given = Buffer.from(presented, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
}
