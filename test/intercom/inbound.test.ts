import assert from 'node:assert/strict';
import { listDeadLetters, queueStats } from '../../src/outbox/job-store';
import { SUPPORT_CHANNEL_ID, channelMention } from '../helpers/activities';
import type { FakeBotConnector } from '../helpers/fake-bot-connector';
import { INTERCOM_SECRET, intercomFixture, postIntercom } from '../helpers/intercom';
import { post } from '../helpers/post';
import type { TestApp } from '../helpers/start-app';
import { eventually, installedApp , nothingDue } from '../helpers/teams-scenario';

describe('Intercom → Teams', function () {
    this.timeout(30000);
    let app: TestApp;
    let connector: FakeBotConnector;

    const inboxCount = async () => Number((await app.repos.db.kysely.selectFrom('inbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
    const settled = () => nothingDue(app);
    const threadCreations = () => connector.requests.filter((r) => r.method === 'POST' && r.path === '/v3/conversations');

    beforeEach(async () => {
        ({ app, connector } = await installedApp({ INTERCOM_CLIENT_SECRET: INTERCOM_SECRET, BODY_LIMIT_BYTES: '65536' }));
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'setup intercom'));
    });
    afterEach(async () => {
        await app.stop();
        await connector.stop();
    });

    it('answers HEAD for the endpoint check', async () => {
        const res = await fetch(`${app.url}/api/webhooks/intercom`, { method: 'HEAD' });
        assert.equal(res.status, 200);
    });

    it('refuses bad signatures, malformed JSON, schema mismatches and oversized bodies, storing nothing', async () => {
        const delivery = intercomFixture('conversation.user.created');
        const badSig = await postIntercom(app.url, delivery, 'wrong-secret');
        assert.equal(badSig.status, 401);
        const noSig = await post(`${app.url}/api/webhooks/intercom`, delivery);
        assert.equal(noSig.status, 401);
        const malformed = await postIntercom(app.url, '{"type": "notification_event",');
        assert.equal(malformed.status, 400);
        const mismatch = await postIntercom(app.url, { ...delivery, id: undefined });
        assert.equal(mismatch.status, 422);
        assert.deepEqual((mismatch.body as { error: { details: Array<{ field: string }> } }).error.details.map((d) => d.field), ['id']);
        const badItem = await postIntercom(app.url, { ...delivery, data: { item: { type: 'conversation', id: '1' } } });
        assert.equal(badItem.status, 422);
        assert.ok((badItem.body as { error: { details: Array<{ field: string }> } }).error.details.some((d) => d.field.startsWith('data.item.')));
        const huge = await postIntercom(app.url, { ...delivery, padding: 'x'.repeat(70000) });
        assert.equal(huge.status, 413);
        assert.equal(await inboxCount(), 0);
        assert.equal((await queueStats(app.repos.db.kysely)).counts.pending, 0);
    });

    it('starts a thread for a ticket whose conversation it cannot read, with the ticket on the card', async () => {
        assert.deepEqual((await postIntercom(app.url, intercomFixture('ticket.created'))).body, { status: 'stored' });
        await eventually(settled, 'ticket mirrored');
        const root = threadCreations()[0]!.body as { activity: { attachments: Array<{ content: unknown }> } };
        assert.match(JSON.stringify(root.activity.attachments[0]!.content), /Duplicate charge on March invoice/);
        assert.match(connector.sentTexts().at(-1) ?? '', /Ticket #1390 created/);
        const badTicket = await postIntercom(app.url, { ...intercomFixture('ticket.created'), id: 'notif_t2', data: { item: { type: 'ticket' } } });
        assert.equal(badTicket.status, 422);
    });

    it('turns a conversation it cannot read into a dead letter naming the field, without retrying', async () => {
        const created = intercomFixture('conversation.user.created');
        const odd = { ...created, id: 'notif_odd', data: { item: { ...created.data.item, conversation_parts: { conversation_parts: [{ id: 'p1' }] } } } };
        assert.deepEqual((await postIntercom(app.url, odd)).body, { status: 'stored' });
        await eventually(async () => (await listDeadLetters(app.repos.db.kysely)).length === 1, 'dead letter');
        const [dead] = await listDeadLetters(app.repos.db.kysely);
        assert.match(dead!.lastError ?? '', /unreadable conversation: data\.item\.conversation_parts\.conversation_parts\.0\.part_type/);
        assert.equal(dead!.attempts, 1);
    });

    it('records ping and ignores unsupported topics', async () => {
        assert.equal((await postIntercom(app.url, intercomFixture('ping'))).status, 200);
        const other = await postIntercom(app.url, { ...intercomFixture('ping'), id: 'notif_x', topic: 'contact.created' });
        assert.deepEqual(other.body, { status: 'ignored', reason: 'topic contact.created is not handled' });
        assert.equal(await inboxCount(), 1);
    });

    it('starts one thread with the conversation card, mirrors messages in it, and updates the card', async () => {
        const created = intercomFixture('conversation.user.created');
        const res = await postIntercom(app.url, created);
        assert.deepEqual(res.body, { status: 'stored' });
        await eventually(settled, 'created delivered');
        const root = threadCreations()[0]!.body as { channelData: { channel: { id: string } }; activity: { attachments: Array<{ content: unknown }> } };
        assert.equal(root.channelData.channel.id, SUPPORT_CHANNEL_ID);
        const card = JSON.stringify(root.activity.attachments[0]!.content);
        assert.match(card, /Joe Bloggs · joe@bloggs.com/);
        assert.match(card, /Open in Intercom/);
        const opening = connector.sentTexts().at(-1) ?? '';
        assert.match(opening, /\*\*Joe Bloggs\*\* wrote:/);
        assert.match(opening, /> It shows \*\*2 seats\*\* but we only have 1 & I was charged twice\./);

        await postIntercom(app.url, intercomFixture('conversation.user.replied'));
        await eventually(settled, 'reply delivered');
        assert.equal(threadCreations().length, 1, 'still one thread');
        const thread = await app.repos.threads.get(`intercom:${created.data.item.id}`);
        const replies = connector.sent().filter((s) => s.request.path.startsWith(`/v3/conversations/${thread!.conversationId}`));
        assert.match(replies.at(-1)?.activity.text ?? '', /can a human look at it\?/);
        assert.equal(connector.requests.filter((r) => r.method === 'PUT').length, 0, 'a customer message does not change the card');

        await postIntercom(app.url, intercomFixture('conversation.admin.assigned'));
        await eventually(settled, 'assignment delivered');
        const update = connector.requests.find((r) => r.method === 'PUT');
        assert.equal(update?.path, `/v3/conversations/${thread!.conversationId}/activities/${thread!.rootActivityId}`);
        assert.match(JSON.stringify(update?.body), /"title":"Assignee"/);
    });

    it('posts nothing twice for repeated or concurrent deliveries', async () => {
        const created = intercomFixture('conversation.user.created');
        const replied = intercomFixture('conversation.user.replied');
        const answers = await Promise.all([postIntercom(app.url, created), postIntercom(app.url, replied), postIntercom(app.url, created), postIntercom(app.url, replied)]);
        assert.deepEqual(answers.map((a) => a.status), [200, 200, 200, 200]);
        assert.deepEqual(answers.map((a) => (a.body as { status: string }).status).sort(), ['duplicate', 'duplicate', 'stored', 'stored']);
        await eventually(settled, 'delivered');
        assert.equal(threadCreations().length, 1);
        assert.equal(connector.sentTexts().filter((t) => /can a human look at it/.test(t)).length, 1);
    });

    it('renders admin replies, internal notes and Fin answers, each marked', async () => {
        for (const topic of ['conversation.user.created', 'conversation.admin.replied', 'conversation.admin.noted', 'conversation.operator.replied', 'conversation.admin.assigned', 'conversation.admin.snoozed', 'conversation.admin.closed']) {
            const res = await postIntercom(app.url, intercomFixture(topic));
            assert.equal(res.status, 200, topic);
        }
        await eventually(settled, 'all delivered');
        const texts = connector.sentTexts().join('\n');
        assert.match(texts, /\(Intercom\):\*\*/);
        assert.match(texts, /🔒 \*\*Internal note by/);
        assert.match(texts, /🤖 \*\*Fin:\*\*/);
        assert.equal((await listDeadLetters(app.repos.db.kysely)).length, 0);
    });

    it('refreshes the card for opened, unsnoozed, open-assigned, priority and tag events', async () => {
        await postIntercom(app.url, intercomFixture('conversation.user.created'));
        const base = intercomFixture('conversation.admin.closed');
        const item = base.data.item as Record<string, unknown>;
        const variants: Array<[string, Record<string, unknown>, RegExp]> = [
            ['conversation.admin.opened', { state: 'open' }, /"text":"(🟢 Open|🔴 Waiting on us|🟡 Fin handed over)/],
            ['conversation.admin.unsnoozed', { state: 'open', snoozed_until: null }, /"text":"(🟢 Open|🔴 Waiting on us|🟡 Fin handed over)/],
            ['conversation.admin.open.assigned', { state: 'open', admin_assignee_id: 3156780 }, /"title":"Assignee","value":"#3156780/],
            ['conversation.priority.updated', { state: 'open', priority: 'priority' }, /⬆️ high priority/],
            ['conversation_part.tag.created', { state: 'open', tags: { type: 'tag.list', tags: [{ type: 'tag', id: '9', name: 'billing' }] } }, /"title":"Tags","value":"billing"/]
        ];
        for (const [i, [topic, change, expected]] of variants.entries()) {
            const delivery = { ...base, id: `notif_variant_${i}`, topic, data: { item: { ...item, ...change, conversation_parts: { type: 'conversation_part.list', conversation_parts: [], total_count: 0 } } } };
            assert.equal((await postIntercom(app.url, delivery)).status, 200, topic);
            await eventually(settled, topic);
            assert.match(JSON.stringify(connector.requests.filter((r) => r.method === 'PUT').at(-1)?.body), expected, topic);
        }
    });

    it('renders plain-text bodies (API 2.15+) and drops scripts from HTML ones', async () => {
        const plain = intercomFixture('conversation.user.created');
        plain.data.item = { ...plain.data.item, id: '777', source: { ...(plain.data.item.source as object), body: 'Plain text *as is*\nsecond line <script>alert(1)</script>' } };
        await postIntercom(app.url, { ...plain, id: 'notif_plain' });
        const html = intercomFixture('conversation.user.created');
        html.data.item = { ...html.data.item, id: '778', source: { ...(html.data.item.source as object), body: '<p>Hi <a href="https://x.example/a">link</a><script>alert(1)</script> <a href="javascript:alert(1)">bad</a></p>' } };
        await postIntercom(app.url, { ...html, id: 'notif_html' });
        await eventually(settled, 'delivered');
        const texts = connector.sentTexts();
        // Plain text is the customer's own words: shown as typed, its Markdown and markup escaped.
        assert.ok(texts.some((t) => t.includes('> Plain text \\*as is\\*\n> second line \\<script\\>alert(1)\\</script\\>')), texts.join('\n---\n'));
        const fromHtml = texts.find((t) => t.includes('[link](https://x.example/a)'));
        assert.ok(fromHtml, 'links kept');
        assert.doesNotMatch(fromHtml, /alert|javascript:/);
    });

    it('keeps a conversation waiting as a visible dead letter when no channel is bound, and delivers it on replay', async () => {
        await app.repos.bindings.unbindChannel(SUPPORT_CHANNEL_ID);
        await postIntercom(app.url, intercomFixture('conversation.user.created'));
        await eventually(async () => (await listDeadLetters(app.repos.db.kysely)).some((d) => /no channel is bound to intercom/.test(d.lastError ?? '')), 'dead letter');
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'setup intercom'));
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'replay all'));
        await eventually(async () => threadCreations().length === 1 && (await settled()), 'thread created after replay');
        assert.match(connector.sentTexts().at(-1) ?? '', /\*\*Joe Bloggs\*\* wrote:/, 'the opening message follows its thread');
        assert.equal((await listDeadLetters(app.repos.db.kysely)).length, 0);
    });
});
