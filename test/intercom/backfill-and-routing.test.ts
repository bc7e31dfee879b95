import assert from 'node:assert/strict';
import { SUPPORT_CHANNEL_ID, channelMention, threadReply } from '../helpers/activities';
import type { FakeBotConnector } from '../helpers/fake-bot-connector';
import { FakeIntercom } from '../helpers/fake-intercom';
import { INTERCOM_SECRET, intercomFixture, postIntercom } from '../helpers/intercom';
import { post } from '../helpers/post';
import type { TestApp } from '../helpers/start-app';
import { channelIds, eventually, installedApp , nothingDue } from '../helpers/teams-scenario';

const ESCALATIONS = channelIds(2)[1]!;

/** A conversation like the fixture's, with its own id, tags and opening text. */
function conversation(id: string, options: { tags?: string[]; body?: string; state?: string } = {}) {
    const item = intercomFixture('conversation.user.created').data.item;
    return {
        ...item,
        id,
        state: options.state ?? 'open',
        source: { ...(item.source as Record<string, unknown>), body: `<p>${options.body ?? 'Hello'}</p>` },
        tags: { type: 'tag.list', tags: (options.tags ?? []).map((name, i) => ({ type: 'tag', id: String(i + 1), name })) }
    };
}

describe('Intercom backfill, late starts and routing rules', function () {
    this.timeout(40000);
    let app: TestApp;
    let connector: FakeBotConnector;
    let intercom: FakeIntercom;

    const settled = () => nothingDue(app);
    const rootsIn = (channelId: string) => connector.requests.filter((r) => r.method === 'POST' && r.path === '/v3/conversations' && (r.body as { channelData: { channel: { id: string } } }).channelData.channel.id === channelId);
    const mention = (text: string, channelId = SUPPORT_CHANNEL_ID) => post(`${app.url}/api/messages`, channelMention(connector.url, text, { channelId }));

    beforeEach(async () => {
        intercom = await new FakeIntercom().start();
        ({ app, connector } = await installedApp({ INTERCOM_CLIENT_SECRET: INTERCOM_SECRET, INTERCOM_ACCESS_TOKEN: 'intercom-token', INTERCOM_API_BASE_URL: intercom.url }, 2));
        connector.roster = [{ id: 'user-alex', name: 'Alex Wilber', email: 'ana@contoso.com' }];
        await mention('setup intercom');
    });
    afterEach(async () => {
        await app.stop();
        await connector.stop();
        await intercom.stop();
        assert.deepEqual(intercom.violations, [], 'every Intercom request matches the OpenAPI description');
    });

    it('starts the thread of a conversation first seen through a later event from the whole conversation', async () => {
        const whole = conversation('215473853299345', { body: 'My invoice for March is wrong' });
        intercom.addConversation(whole);
        await postIntercom(app.url, intercomFixture('conversation.admin.assigned'));
        await eventually(settled, 'mirrored');
        assert.ok(intercom.requests.some((r) => r.method === 'GET' && r.path === '/conversations/215473853299345'), 'the conversation was fetched');
        assert.equal(rootsIn(SUPPORT_CHANNEL_ID).length, 1);
        assert.match(connector.sentTexts().join('\n'), /> My invoice for March is wrong/, 'the opening message is in the thread');
    });

    it('notes a new ticket in its conversation\'s thread, or starts that conversation\'s thread from Intercom', async () => {
        const known = conversation('215473853299345', { body: 'Charged twice' });
        intercom.addConversation(known);
        await postIntercom(app.url, { ...intercomFixture('conversation.user.created'), data: { item: known } });
        await eventually(settled, 'conversation mirrored');
        assert.equal((await postIntercom(app.url, intercomFixture('ticket.created'))).status, 200);
        await eventually(settled, 'ticket mirrored');
        assert.equal(rootsIn(SUPPORT_CHANNEL_ID).length, 1, 'no thread of its own for the ticket');
        assert.equal(connector.sentTexts().at(-1), '🎫 **Ticket #1390 created** · Billing issue: Duplicate charge on March invoice (Submitted)');

        const other = conversation('3003', { body: 'My export is broken' });
        intercom.addConversation(other);
        const ticket = intercomFixture('ticket.created');
        await postIntercom(app.url, { ...ticket, id: 'notif_ticket_2', data: { item: { ...ticket.data.item, id: '3003', ticket_id: '1391' } } });
        await eventually(settled, 'second ticket mirrored');
        assert.equal(rootsIn(SUPPORT_CHANNEL_ID).length, 2);
        const texts = connector.sentTexts();
        assert.match(texts.at(-2) ?? '', /> My export is broken/);
        assert.match(texts.at(-1) ?? '', /Ticket #1391 created/);
    });

    it('backfills open conversations with sync: one thread each, and a refreshed card for known ones', async () => {
        intercom.addConversation(conversation('1001', { body: 'First customer' }));
        intercom.addConversation(conversation('1002', { body: 'Second customer' }));
        intercom.addConversation(conversation('1003', { body: 'Closed one', state: 'closed' }));
        const res = await mention('sync');
        assert.equal(res.status, 200);
        await eventually(settled, 'synced');
        assert.match(connector.sentTexts().join('\n'), /Backfilling the open Intercom conversations/);
        assert.ok(intercom.requests.some((r) => r.method === 'POST' && r.path === '/conversations/search'));
        assert.equal(rootsIn(SUPPORT_CHANNEL_ID).length, 2);
        assert.ok(await app.repos.threads.get('intercom:1001'));
        assert.equal(await app.repos.threads.get('intercom:1003'), undefined, 'closed conversations are not backfilled');

        intercom.conversations.get('1001')!.updated_at = 1900000000;
        await mention('sync');
        await eventually(settled, 'synced again');
        assert.equal(rootsIn(SUPPORT_CHANNEL_ID).length, 2, 'no new thread for a known conversation');
        assert.ok(connector.requests.some((r) => r.method === 'PUT'), 'its card was refreshed');
    });

    it('routes new conversations by tag and by keywords in priority order, editable from Teams', async () => {
        await mention('route keyword:procon,cancel my account here priority 1', ESCALATIONS);
        const added = await mention('route tag:VIP here', ESCALATIONS);
        assert.equal(added.status, 200);
        await mention('route list');
        assert.match(connector.sentTexts().join('\n'), /#1 · intercom keyword:procon,cancel my account → .* \(priority 1\)\n- #2 · intercom tag:VIP/);

        intercom.addConversation(conversation('2001', { body: 'I will complain to PROCON today' }));
        intercom.addConversation(conversation('2002', { tags: ['vip'] }));
        intercom.addConversation(conversation('2003', { body: 'Where is my order?' }));
        await mention('sync');
        await eventually(settled, 'synced');
        assert.equal((await app.repos.threads.get('intercom:2001'))?.channelId, ESCALATIONS);
        assert.equal((await app.repos.threads.get('intercom:2002'))?.channelId, ESCALATIONS);
        assert.equal((await app.repos.threads.get('intercom:2003'))?.channelId, SUPPORT_CHANNEL_ID);

        await mention('route remove 2');
        assert.match(connector.sentTexts().at(-1) ?? '', /Rule #2 removed/);
        assert.equal((await app.repos.routingRules.list('intercom')).length, 1);
    });

    it('waits for the rate-limit window Intercom reports instead of running into 429s', async () => {
        intercom.addConversation(conversation('215473853299345'));
        const resetAt = Math.ceil(Date.now() / 1000) + 2;
        // Reading the team names for the card answers that the window is spent until `resetAt`.
        intercom.on('GET', '/teams', () => ({ status: 200, headers: { 'x-ratelimit-limit': '1000', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt) }, body: { type: 'team.list', teams: intercom.teams.map((t) => ({ type: 'team', ...t })) } }));
        await postIntercom(app.url, intercomFixture('conversation.user.created'));
        await eventually(settled, 'mirrored');
        const thread = (await app.repos.threads.get('intercom:215473853299345'))!.conversationId;
        await post(`${app.url}/api/messages`, threadReply(connector.url, thread, 'first'));
        // The reply waits (not due) until the reset, then goes.
        await eventually(async () => intercom.actions().length === 1 && (await settled()), 'first reply');
        assert.ok(intercom.actions()[0]!.at >= resetAt * 1000 - 20, 'the reply waited for the reset');
    });
});
