import { hmacHex, verifyHmacHeader } from '../../lib/hmac';

/** The `X-RD-Signature` of an RD Station webhook: `sha256=<hex HMAC-SHA256 of the raw body>`. */
export function rdStationSignature(raw: Buffer, secret: string): string {
    return `sha256=${hmacHex('sha256', secret, raw)}`;
}

export function verifyRdStationSignature(raw: Buffer, header: string | undefined, secret: string): boolean {
    return verifyHmacHeader('sha256', 'sha256=', secret, raw, header);
}
