import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How far a delivery's signature timestamp may be from now. Zendesk documents the timestamp as
 * replay protection without a window; its retries of a failed delivery come within minutes, so
 * 15 minutes either way admits them and refuses a recording replayed later (the event id also
 * deduplicates inside the window).
 */
export const SIGNATURE_TOLERANCE_MS = 15 * 60_000;

/**
 * The `X-Zendesk-Webhook-Signature` Zendesk sends: base64 of HMAC-SHA256, keyed with the webhook's
 * signing secret, over the `X-Zendesk-Webhook-Signature-Timestamp` header followed directly by the
 * raw body (developer.zendesk.com/documentation/webhooks/verifying).
 */
export function zendeskSignature(raw: Buffer, timestamp: string, secret: string): string {
    return createHmac('sha256', secret).update(timestamp, 'utf8').update(raw).digest('base64');
}

export type SignatureCheck = { ok: true } | { ok: false; reason: string };

/** Checks signature (constant time) and timestamp of a delivery. */
export function verifyZendeskSignature(raw: Buffer, signature: string | undefined, timestamp: string | undefined, secret: string, now = Date.now()): SignatureCheck {
    if (!signature || !timestamp) return { ok: false, reason: 'Missing X-Zendesk-Webhook-Signature or X-Zendesk-Webhook-Signature-Timestamp' };
    if (timestamp.length > 64 || !/^[A-Za-z0-9:.+-]+$/.test(timestamp)) return { ok: false, reason: 'Malformed X-Zendesk-Webhook-Signature-Timestamp' };
    const expected = Buffer.from(zendeskSignature(raw, timestamp, secret), 'base64');
    const given = /^[A-Za-z0-9+/]+={0,2}$/.test(signature.trim()) ? Buffer.from(signature.trim(), 'base64') : Buffer.alloc(0);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'Invalid X-Zendesk-Webhook-Signature' };
    // Checked after the signature, so a forger learns nothing about the clock from the answer.
    const at = Date.parse(timestamp);
    if (!Number.isFinite(at) || Math.abs(now - at) > SIGNATURE_TOLERANCE_MS) return { ok: false, reason: 'Stale X-Zendesk-Webhook-Signature-Timestamp (more than 15 minutes from now)' };
    return { ok: true };
}
