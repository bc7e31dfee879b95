import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KOMMO_ACCOUNT, KOMMO_TOKEN, postKommo } from './helpers/kommo';
import { INTERCOM_SECRET, postIntercom } from './helpers/intercom';
import { post } from './helpers/post';
import { metaSignature } from '../src/integrations/meta/verify';
import { startTestApp, type TestApp } from './helpers/start-app';

const FIXTURES = join(__dirname, 'fixtures');
const files = (dir: string, ending: string) => readdirSync(join(FIXTURES, dir)).filter((f) => f.endsWith(ending)).map((f) => join(dir, f));
const read = (file: string) => readFileSync(join(FIXTURES, file), 'utf8');

/** Every vendor example payload in `test/fixtures/` goes through its webhook and is taken. */
describe('vendor fixtures through their webhooks', function () {
    this.timeout(30000);
    let app: TestApp;
    before(async () => {
        app = await startTestApp({ RUN_WORKER: 'false', INTERCOM_CLIENT_SECRET: INTERCOM_SECRET, KOMMO_WEBHOOK_TOKEN: KOMMO_TOKEN, KOMMO_ACCOUNT_ID: KOMMO_ACCOUNT, RDSTATION_WEBHOOK_TOKEN: 'rd', META_APP_SECRET: 'meta-secret', LEADS_API_KEY: 'leads', N8N_CALLBACK_TOKEN: 'n8n' });
    });
    after(() => app.stop());

    const cases: Array<[string, () => Promise<{ status: number; body: unknown }>]> = [
        ...files('intercom', '.json').map((f): [string, () => Promise<{ status: number; body: unknown }>] => [f, () => postIntercom(app.url, read(f))]),
        ...files('kommo', '.form.txt').map((f): [string, () => Promise<{ status: number; body: unknown }>] => [f, () => postKommo(app.url, read(f))]),
        ...files('rdstation', '.json').map((f): [string, () => Promise<{ status: number; body: unknown }>] => [f, () => post(`${app.url}/api/webhooks/rdstation?token=rd`, read(f))]),
        ...files('meta', '.json').map((f): [string, () => Promise<{ status: number; body: unknown }>] => [f, () => post(`${app.url}/api/webhooks/meta`, read(f), { 'x-hub-signature-256': metaSignature(Buffer.from(read(f)), 'meta-secret') })]),
        ['leads-streamleads.json', () => post(`${app.url}/api/leads`, read('leads-streamleads.json'), { 'x-api-key': 'leads' })],
        ['n8n-reply.json', () => post(`${app.url}/api/n8n/replies`, read('n8n-reply.json'), { authorization: 'Bearer n8n' })]
    ];
    for (const [name, send] of cases) {
        it(`takes ${name}`, async () => {
            const res = await send();
            assert.equal(res.status, 200, JSON.stringify(res.body));
            const body = res.body as { status?: string; stored?: number; skipped?: number };
            assert.ok(body.status === 'ok' || body.status === 'stored' || body.status === 'ignored', JSON.stringify(body));
            if (body.skipped !== undefined) assert.equal(body.skipped, 0, 'nothing skipped');
        });
    }
});
