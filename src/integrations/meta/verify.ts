import { hmacHex, verifyHmacHeader } from '../../lib/hmac';

/** The `X-Hub-Signature-256` Meta sends: `sha256=<hex HMAC-SHA256 of the raw body, keyed with the app secret>`. */
export function metaSignature(raw: Buffer, appSecret: string): string {
    return `sha256=${hmacHex('sha256', appSecret, raw)}`;
}

/** True when `X-Hub-Signature-256` matches the raw body (constant-time comparison). */
export function verifyMetaSignature(raw: Buffer, header: string | undefined, appSecret: string): boolean {
    return verifyHmacHeader('sha256', 'sha256=', appSecret, raw, header);
}
