import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { intercomSignature } from '../../src/integrations/intercom/verify';
import { post } from './post';

export const INTERCOM_SECRET = 'intercom-client-secret-for-tests';
const FIXTURES = join(__dirname, '..', 'fixtures', 'intercom');

/** A delivery from `test/fixtures/intercom/<topic>.json`, parsed, to vary in tests. */
export function intercomFixture(topic: string): Record<string, unknown> & { id: string; data: { item: Record<string, unknown> } } {
    return JSON.parse(readFileSync(join(FIXTURES, `${topic}.json`), 'utf8'));
}

/** Posts a delivery signed with the production signing helper, as Intercom does. */
export async function postIntercom(appUrl: string, body: unknown, secret = INTERCOM_SECRET) {
    const raw = Buffer.from(typeof body === 'string' ? body : JSON.stringify(body));
    return post(`${appUrl}/api/webhooks/intercom`, raw, { 'x-hub-signature': intercomSignature(raw, secret) });
}
