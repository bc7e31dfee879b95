import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { zendeskSignature } from '../../src/integrations/zendesk/verify';
import { post } from './post';

export const ZENDESK_SECRET = 'dGhpc19pc19hX3plbmRlc2tfc2lnbmluZ19zZWNyZXQ=';
const FIXTURES = join(__dirname, '..', 'fixtures', 'zendesk');

/** A delivery from `test/fixtures/zendesk/<event type>.json`, parsed, to vary in tests. */
export function zendeskFixture(type: string): Record<string, unknown> & { id: string; subject: string; detail: Record<string, unknown> } {
    return JSON.parse(readFileSync(join(FIXTURES, `${type}.json`), 'utf8'));
}

/** Posts a delivery signed as Zendesk signs it, now (or at `timestamp`). */
export async function postZendesk(appUrl: string, body: unknown, options: { secret?: string; timestamp?: string; signature?: string } = {}) {
    const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    const timestamp = options.timestamp ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z');
    return post(`${appUrl}/api/webhooks/zendesk`, raw, {
        'x-zendesk-webhook-signature': options.signature ?? zendeskSignature(raw, timestamp, options.secret ?? ZENDESK_SECRET),
        'x-zendesk-webhook-signature-timestamp': timestamp
    });
}
