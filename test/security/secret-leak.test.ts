import assert from 'node:assert/strict';
import { queueStats } from '../../src/outbox/job-store';
import { metaSignature } from '../../src/integrations/meta/verify';
import { channelMention, threadReply } from '../helpers/activities';
import type { FakeBotConnector } from '../helpers/fake-bot-connector';
import { FakeIntercom } from '../helpers/fake-intercom';
import { HttpPeer } from '../helpers/http-peer';
import { intercomFixture, postIntercom } from '../helpers/intercom';
import { FakeKommo, KOMMO_ACCOUNT, kommoMessage, postKommo } from '../helpers/kommo';
import { post } from '../helpers/post';
import type { TestApp } from '../helpers/start-app';
import { channelIds, eventually, installedApp , nothingDue } from '../helpers/teams-scenario';

/** Every secret the app can hold, with values that cannot occur by chance. */
const SECRETS = {
    ADMIN_API_KEY: 'SECRET-admin-key-7f3a9',
    INTERCOM_ACCESS_TOKEN: 'SECRET-intercom-token-b21c4',
    INTERCOM_CLIENT_SECRET: 'SECRET-intercom-client-9d8e7',
    KOMMO_ACCESS_TOKEN: 'SECRET-kommo-token-41aa0',
    KOMMO_WEBHOOK_TOKEN: 'SECRET-kommo-webhook-c0ffee',
    N8N_API_KEY: 'SECRET-n8n-key-5e6f7',
    N8N_CALLBACK_TOKEN: 'SECRET-n8n-callback-0a1b2',
    LEADS_API_KEY: 'SECRET-leads-key-3c4d5',
    META_APP_SECRET: 'SECRET-meta-app-6e7f8',
    META_PAGE_ACCESS_TOKEN: 'SECRET-meta-page-9a0b1',
    META_VERIFY_TOKEN: 'SECRET-meta-verify-2c3d4',
    RDSTATION_WEBHOOK_TOKEN: 'SECRET-rd-5e6f7'
};

describe('secrets never leak', function () {
    this.timeout(40000);
    let app: TestApp;
    let connector: FakeBotConnector;
    let intercom: FakeIntercom;
    let kommo: FakeKommo;
    let failing: HttpPeer;
    const bodies: string[] = [];

    const settled = () => nothingDue(app);
    const record = async (res: Promise<{ status: number; body: unknown }>) => {
        const r = await res;
        bodies.push(JSON.stringify(r.body));
        return r;
    };

    before(async () => {
        // Intercom and Kommo refuse the tokens; n8n and the Graph API fail: every error path runs.
        intercom = await new FakeIntercom(SECRETS.INTERCOM_ACCESS_TOKEN).start();
        kommo = await new FakeKommo().start();
        failing = await new HttpPeer().start();
        failing.on('POST', '/webhook/ai', () => ({ status: 500, body: { message: 'boom' } }));
        failing.on('GET', '/:id', () => ({ status: 400, body: { error: { message: 'Invalid OAuth access token.' } } }));
        ({ app, connector } = await installedApp({
            ...SECRETS,
            INTERCOM_API_BASE_URL: intercom.url,
            KOMMO_BASE_URL: kommo.url,
            KOMMO_ACCOUNT_ID: KOMMO_ACCOUNT,
            KOMMO_SALESBOT_ID: '1',
            KOMMO_REPLY_FIELD_ID: '2',
            N8N_WEBHOOK_URL: `${failing.url}/webhook/ai`,
            META_GRAPH_BASE_URL: failing.url,
            OUTBOX_MAX_ATTEMPTS: '2',
            LOG_LEVEL: 'trace'
        }, 2));
        connector.roster = [{ id: 'user-alex', name: 'Alex Wilber', email: 'ana@contoso.com' }];
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'setup intercom'));
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'setup whatsapp', { channelId: channelIds(2)[1] }));
    });
    after(async () => {
        await app.stop();
        await Promise.all([connector.stop(), intercom.stop(), kommo.stop(), failing.stop()]);
    });

    it('keeps every secret out of logs, error bodies, dead letters and /metrics through the whole scenario', async () => {
        // Intercom: a good delivery, a forged one, and an agent reply Intercom refuses (token "invalid").
        const created = intercomFixture('conversation.user.created');
        intercom.addConversation(created.data.item);
        await record(postIntercom(app.url, created, SECRETS.INTERCOM_CLIENT_SECRET));
        await record(postIntercom(app.url, created, 'forged'));
        await eventually(settled, 'conversation mirrored');
        const thread = (await app.repos.threads.get(`intercom:${created.data.item.id}`))!.conversationId;
        intercom.admins = [];
        await post(`${app.url}/api/messages`, threadReply(connector.url, thread, 'Hello'));
        // Kommo: a message with the right and a wrong token; the AI (n8n) fails; a send fails.
        await record(postKommo(app.url, kommoMessage('message_add_incoming'), SECRETS.KOMMO_WEBHOOK_TOKEN));
        await record(postKommo(app.url, kommoMessage('message_add_incoming'), 'wrong'));
        kommo.queueReplies({ status: 500, body: { title: 'boom' } }, { status: 500, body: { title: 'boom' } });
        await record(post(`${app.url}/api/n8n/replies`, { contact_id: 93589657, lead_id: 28455849, response_text: 'Oi' }, { authorization: `Bearer ${SECRETS.N8N_CALLBACK_TOKEN}` }));
        await record(post(`${app.url}/api/n8n/replies`, { contact_id: 1, response_text: 'x' }, { authorization: 'Bearer wrong' }));
        // Leads: wrong key, bad fields, Meta with a Graph error, RD with a wrong signature.
        await record(post(`${app.url}/api/leads`, { nome: 'A', email: 'a@b.co' }, { 'x-api-key': 'wrong' }));
        await record(post(`${app.url}/api/leads`, { nome: 'A', email: 'bad' }, { 'x-api-key': SECRETS.LEADS_API_KEY }));
        const meta = Buffer.from(JSON.stringify({ object: 'page', entry: [{ changes: [{ field: 'leadgen', value: { leadgen_id: '77' } }] }] }));
        await record(post(`${app.url}/api/webhooks/meta`, meta, { 'x-hub-signature-256': metaSignature(meta, SECRETS.META_APP_SECRET) }));
        await record(post(`${app.url}/api/webhooks/rdstation?token=SECRET-rd-5e6f7`, { leads: [{ email: 'r@x.co' }] }));
        await record(post(`${app.url}/api/webhooks/rdstation?token=wrong`, { leads: [{ email: 'r@x.co' }] }));
        // Admin API with the key and without.
        await record(post(`${app.url}/api/bot/pause/93589657`, '', { 'x-api-key': SECRETS.ADMIN_API_KEY }));
        await record(post(`${app.url}/api/bot/pause/93589657`, '', { 'x-api-key': 'wrong' }));
        await eventually(settled, 'every job finished or dead', 30000);

        const deadLetters = await fetch(`${app.url}/api/admin/dead-letters`, { headers: { 'x-api-key': SECRETS.ADMIN_API_KEY } });
        bodies.push(await deadLetters.text());
        const metrics = await (await fetch(`${app.url}/metrics`)).text();
        const stored = JSON.stringify(await app.repos.db.kysely.selectFrom('outbox_jobs').select(['last_error', 'payload']).execute());
        assert.ok((await queueStats(app.repos.db.kysely)).counts.dead >= 2, 'the failures really happened');
        assert.match(app.logs.join('\n'), /Admin not found|n8n answered 500|Kommo says|Meta says/, 'and were logged');

        for (const [name, value] of Object.entries(SECRETS)) {
            assert.ok(!app.logs.join('\n').includes(value), `${name} appears in the logs`);
            assert.ok(!bodies.join('\n').includes(value), `${name} appears in an HTTP answer`);
            assert.ok(!metrics.includes(value), `${name} appears in /metrics`);
            assert.ok(!stored.includes(value), `${name} is stored with a job`);
        }
        // Kommo was sent a token it refuses on purpose; every request was otherwise well formed.
        assert.ok(kommo.violations.length > 0 && kommo.violations.every((v) => /no Bearer token/.test(v)), kommo.violations.join('\n'));
        kommo.violations.length = 0;
    });
});
