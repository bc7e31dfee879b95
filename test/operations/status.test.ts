import assert from 'node:assert/strict';
import { startOfDay } from '../../src/domain/lead-stats';
import type { AdminStatus } from '../../src/domain/admin-status';
import { channelMention } from '../helpers/activities';
import type { FakeBotConnector } from '../helpers/fake-bot-connector';
import { INTERCOM_SECRET, intercomFixture, postIntercom } from '../helpers/intercom';
import { post } from '../helpers/post';
import type { TestApp } from '../helpers/start-app';
import { installedApp } from '../helpers/teams-scenario';

const ADMIN_KEY = 'status-admin-key';
const MIN = 60_000;

/**
 * A time zone in which today began at least two hours ago, so that the day seeded below (an hour
 * back) is today whatever time the suite runs: UTC, else Tokyo (UTC+9, when UTC is before 02:00).
 */
function zoneWithTodayUnderway(now = Date.now()): string {
    return new Date(now).getUTCHours() >= 2 ? 'UTC' : 'Asia/Tokyo';
}

describe('status at a glance', function () {
    this.timeout(30000);
    let app: TestApp;
    let connector: FakeBotConnector;

    beforeEach(async () => {
        ({ app, connector } = await installedApp({ ADMIN_API_KEY: ADMIN_KEY, INTERCOM_CLIENT_SECRET: INTERCOM_SECRET, KOMMO_WEBHOOK_TOKEN: 'k', SLA_TIMEZONE: zoneWithTodayUnderway() }));
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'setup intercom'));
    });
    afterEach(async () => {
        await app.stop();
        await connector.stop();
    });

    /** A day with four conversations, two leads and one paused WhatsApp contact. */
    async function seed(): Promise<void> {
        const t0 = Date.now() - 60 * MIN;
        const a = app.repos.activity;
        await a.customerWrote('intercom:A', t0);
        await a.humanAnswered('intercom:A', t0 + 4 * MIN);
        await a.customerWrote('intercom:B', t0);
        await a.humanAnswered('intercom:B', t0 + 10 * MIN);
        await a.closed('intercom:B', t0 + 20 * MIN);
        await a.customerWrote('kommo:C', t0);
        await a.aiAnswered('kommo:C', t0 + MIN);
        await a.closed('kommo:C', t0 + 5 * MIN);
        await a.customerWrote('kommo:D', t0);
        await a.aiAnswered('kommo:D', t0 + MIN);
        await a.escalated('kommo:D', t0 + 2 * MIN);
        const base = { externalId: null, email: null, phone: '+5511999999999', interest: null, income: null, city: null, source: 'SITE', breakdown: [], createdAt: null, kommoLeadId: null };
        const hot = await app.repos.leads.insert('api:h1', { ...base, name: 'Hot', score: 35, status: 'QUENTE' }, Date.now() - 30 * MIN);
        await app.repos.leads.claim(hot.lead.id, { id: 'u', name: 'Carlos', email: null }, Date.now() - 24 * MIN);
        await app.repos.leads.insert('api:w1', { ...base, name: 'Warm', score: 20, status: 'MORNO' });
        await app.repos.contacts.upsert({ contactId: '93589657', name: 'Maria Souza' });
        await app.repos.contacts.setPaused('93589657', true, 'Carlos Corretor', 'whatsapp');
        await postIntercom(app.url, intercomFixture('ping'));
    }

    it('answers GET /api/admin/status with the day computed from what happened', async () => {
        await seed();
        assert.equal((await fetch(`${app.url}/api/admin/status`)).status, 401);
        const res = await fetch(`${app.url}/api/admin/status`, { headers: { 'x-api-key': ADMIN_KEY } });
        assert.equal(res.status, 200);
        const status = (await res.json()) as AdminStatus;
        assert.deepEqual(status.today.conversationsOpened, 4);
        assert.deepEqual(status.today.firstResponseMinutes, { median: 4, p90: 10 });
        assert.equal(status.today.automationRate, 0.5, 'one of two closed conversations had only AI answers');
        assert.equal(status.today.escalationRate, 0.5, 'one of two AI conversations was handed over');
        assert.deepEqual(status.today.leads, { byTemperature: { QUENTE: 1, MORNO: 1, FRIO: 0 }, medianMinutesToClaim: 6, unclaimedHot: 0 });
        assert.deepEqual(status.pausedContacts.map((c) => [c.contactId, c.name, c.by, c.via]), [['93589657', 'Maria Souza', 'Carlos Corretor', 'whatsapp']]);
        const intercom = status.integrations.find((i) => i.name === 'intercom')!;
        assert.equal(intercom.configured, true);
        assert.ok(intercom.lastWebhookAt && Date.now() - Date.parse(intercom.lastWebhookAt) < 60_000, 'the ping counts as the last webhook');
        assert.equal(intercom.circuit, 'closed');
        assert.equal(status.integrations.find((i) => i.name === 'n8n')!.configured, false);
        assert.deepEqual(status.bindings.map((b) => b.stream), ['intercom']);
    });

    it('shows admins the integrations, the day and the paused contacts with resume buttons', async () => {
        await seed();
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'status'));
        const card = JSON.stringify(connector.sent().at(-1)!.activity.attachments);
        assert.match(card, /Integrations/);
        assert.match(card, /"title":"Conversations opened","value":"4"/);
        assert.match(card, /"title":"Solved by the AI","value":"50%"/);
        assert.match(card, /\*\*Maria Souza\*\* · by Carlos Corretor · \d+ min ago/);
        assert.match(card, /"type":"ActionSet","actions":\[\{"type":"Action.Execute","title":"Resume AI"/, 'the Resume button sits beside the name');
        assert.match(card, /"verb":"resume_ai","data":\{"verb":"resume_ai","contactId":"93589657"\}/);
        const pressed = await post(`${app.url}/api/messages`, {
            type: 'invoke',
            name: 'adaptiveCard/action',
            id: 'inv-1',
            channelId: 'msteams',
            serviceUrl: connector.url,
            from: { id: 'user-alex', name: 'Alex Wilber' },
            recipient: { id: '28:deskbridge-bot' },
            conversation: { id: 'a:personal-1', conversationType: 'personal', tenantId: 'tenant-1' },
            value: { action: { type: 'Action.Execute', verb: 'resume_ai', data: { verb: 'resume_ai', contactId: '93589657' } } }
        });
        assert.equal(pressed.status, 200);
        assert.equal((await app.repos.contacts.get('93589657'))?.ai.paused, false, 'resumed from the status card');
    });

    it('counts "today" from midnight in the team\'s time zone, not UTC\'s', async () => {
        // 2026-12-01 23:30 in São Paulo (UTC-3) is 2026-12-02 02:30 UTC: still the 1st there.
        const at = Date.UTC(2026, 11, 2, 2, 30);
        assert.equal(new Date(startOfDay(at, 'America/Sao_Paulo')).toISOString(), '2026-12-01T03:00:00.000Z');
        assert.equal(new Date(startOfDay(at, 'UTC')).toISOString(), '2026-12-02T00:00:00.000Z');
        assert.equal(new Date(startOfDay(at, 'Asia/Tokyo')).toISOString(), '2026-12-01T15:00:00.000Z');
    });
});

