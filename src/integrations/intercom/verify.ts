import { hmacHex, verifyHmacHeader } from '../../lib/hmac';

/** The `X-Hub-Signature` Intercom sends: `sha1=<hex HMAC-SHA1 of the raw body, keyed with the client secret>`. */
export function intercomSignature(raw: Buffer, clientSecret: string): string {
    return `sha1=${hmacHex('sha1', clientSecret, raw)}`;
}

/** True when `X-Hub-Signature` matches the raw body (constant-time comparison). */
export function verifyIntercomSignature(raw: Buffer, header: string | undefined, clientSecret: string): boolean {
    return verifyHmacHeader('sha1', 'sha1=', clientSecret, raw, header);
}
