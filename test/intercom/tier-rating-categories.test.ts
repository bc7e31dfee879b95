import assert from 'node:assert/strict';
import { SUPPORT_CHANNEL_ID, channelMention } from '../helpers/activities';
import type { FakeBotConnector } from '../helpers/fake-bot-connector';
import { FakeIntercom } from '../helpers/fake-intercom';
import { INTERCOM_SECRET, intercomFixture, postIntercom } from '../helpers/intercom';
import { post } from '../helpers/post';
import type { TestApp } from '../helpers/start-app';
import { channelIds, eventually, installedApp, nothingDue } from '../helpers/teams-scenario';

const VIP = channelIds(2)[1]!;
const CONTACT = '6762f1571bb69f9f2193bbbb';

describe('Intercom: customer tier, keyword categories and satisfaction', function () {
    this.timeout(40000);
    let app: TestApp;
    let connector: FakeBotConnector;
    let intercom: FakeIntercom;

    const settled = () => nothingDue(app);
    const mention = (text: string, channelId = SUPPORT_CHANNEL_ID) => post(`${app.url}/api/messages`, channelMention(connector.url, text, { channelId }));
    const deliver = async (body: unknown) => {
        assert.equal((await postIntercom(app.url, body)).status, 200);
        await eventually(settled, 'delivery handled');
    };

    beforeEach(async () => {
        intercom = await new FakeIntercom().start();
        ({ app, connector } = await installedApp(
            {
                INTERCOM_CLIENT_SECRET: INTERCOM_SECRET,
                INTERCOM_ACCESS_TOKEN: 'intercom-token',
                INTERCOM_API_BASE_URL: intercom.url,
                INTERCOM_DEFAULT_ADMIN_ID: '3156780',
                SUPPORT_KEYWORD_CATEGORIES: 'complaint!:Reklamation,charged twice;refund:refund',
                ADMIN_API_KEY: 'admin-key-for-tests'
            },
            2
        ));
        await mention('setup intercom');
    });
    afterEach(async () => {
        await app.stop();
        await connector.stop();
        await intercom.stop();
        assert.deepEqual(intercom.violations, [], 'every Intercom request matches the OpenAPI description');
    });

    it('routes an enterprise customer by the plan on their contact, and tags a complaint once', async () => {
        await mention('route tier:enterprise here', VIP);
        intercom.contacts.set(CONTACT, { plan: 'Enterprise' });
        const created = intercomFixture('conversation.user.created');
        const item: Record<string, unknown> & { id: string } = { ...created.data.item, id: String(created.data.item.id), source: { ...(created.data.item.source as Record<string, unknown>), body: '<p>Eine Reklamation: I was charged twice</p>' } };
        intercom.addConversation(item);
        await deliver({ ...created, data: { item } });
        assert.equal((await app.repos.threads.get(`intercom:${item.id}`))?.channelId, VIP);
        assert.ok(intercom.requests.some((r) => r.method === 'GET' && r.path === `/contacts/${CONTACT}`), 'the contact was read for the tier');
        const tagging = intercom.requests.filter((r) => r.method === 'POST' && /tags$/.test(r.path));
        assert.deepEqual(tagging.map((r) => [r.path, r.body]), [['/tags', { name: 'complaint' }], [`/conversations/${item.id}/tags`, { id: '80', admin_id: '3156780' }]]);
        assert.match(connector.sentTexts().join('\n'), /🏷️ Tagged \*\*complaint\*\* in Intercom \(the customer wrote “Reklamation”\)\. Intercom's API has no priority to set\./);

        await deliver({ ...intercomFixture('conversation.user.replied'), data: { item } });
        assert.equal(intercom.requests.filter((r) => r.path === '/tags').length, 1, 'a category is set once per conversation');
    });

    it('shows the customer\'s rating in the thread and on the card, and counts it in today\'s CSAT', async () => {
        const created = intercomFixture('conversation.user.created');
        await deliver(created);
        const rated = { ...intercomFixture('conversation.admin.closed'), id: 'notif_rated_1' };
        rated.data.item = { ...rated.data.item, conversation_rating: { rating: 5, remark: 'Great *help*', created_at: Math.floor(Date.now() / 1000), contact: { type: 'contact', id: CONTACT }, teammate: { type: 'admin', id: '3156780' } } };
        await deliver(rated);
        assert.match(connector.sentTexts().join('\n'), /⭐ \*\*The customer rated this conversation\*\* ★★★★★ \(5\/5\): “Great \\\*help\\\*”/);
        const card = JSON.stringify(connector.requests.filter((r) => r.method === 'PUT').at(-1)?.body ?? {});
        assert.match(card, /"title":"Rating","value":"★★★★★ \(5\/5\)/);
        const status = await fetch(`${app.url}/api/admin/status`, { headers: { 'x-api-key': 'admin-key-for-tests' } });
        const body = (await status.json()) as { today: { csat: { ratings: number; satisfied: number } } };
        assert.deepEqual(body.today.csat, { ratings: 1, satisfied: 1 });
    });
});
