import assert from 'node:assert/strict';
import { listDeadLetters } from '../../src/outbox/job-store';
import { ALEX, MEGAN, cardAction, channelMention, threadReply } from '../helpers/activities';
import type { FakeBotConnector } from '../helpers/fake-bot-connector';
import { FakeIntercom } from '../helpers/fake-intercom';
import { INTERCOM_SECRET, intercomFixture, postIntercom } from '../helpers/intercom';
import { post } from '../helpers/post';
import { startTestApp, type TestApp } from '../helpers/start-app';
import { FAST_OUTBOX_ENV, eventually, installedApp , nothingDue } from '../helpers/teams-scenario';

const CONVERSATION_ID = '215473853299345';
const ALEX_ADMIN = { id: '991267700', name: 'Alex Wilber', email: 'alex@contoso.com' };

describe('Teams → Intercom', function () {
    this.timeout(40000);
    let app: TestApp;
    let connector: FakeBotConnector;
    let intercom: FakeIntercom;
    let thread: string;

    const settled = () => nothingDue(app);
    const start = async (env: Record<string, string> = {}) => {
        intercom = await new FakeIntercom().start();
        intercom.admins.push(ALEX_ADMIN);
        const created = intercomFixture('conversation.user.created');
        intercom.addConversation(created.data.item);
        ({ app, connector } = await installedApp({ INTERCOM_CLIENT_SECRET: INTERCOM_SECRET, INTERCOM_ACCESS_TOKEN: 'intercom-token', INTERCOM_API_BASE_URL: intercom.url, ...env }));
        connector.roster = [
            { id: ALEX.id, name: ALEX.name, email: ALEX_ADMIN.email, aadObjectId: ALEX.aadObjectId },
            { id: MEGAN.id, name: MEGAN.name, email: 'megan@contoso.com', aadObjectId: MEGAN.aadObjectId }
        ];
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'setup intercom'));
        await postIntercom(app.url, created);
        await eventually(settled, 'conversation mirrored');
        thread = (await app.repos.threads.get(`intercom:${CONVERSATION_ID}`))!.conversationId;
    };
    /** Types in the conversation's thread and waits for every job it causes. */
    const say = async (text: string, from = ALEX) => {
        const res = await post(`${app.url}/api/messages`, threadReply(connector.url, thread, text, { from }));
        assert.equal(res.status, 200);
        await eventually(settled, `"${text}" handled`);
    };
    const lastThreadText = () => connector.sentTexts().at(-1) ?? '';
    const lastCard = () => JSON.stringify(connector.requests.filter((r) => r.method === 'PUT').at(-1)?.body ?? {});

    afterEach(async () => {
        await app.stop();
        await connector.stop();
        await intercom.stop();
        assert.deepEqual(intercom.violations, [], 'every Intercom request matches the OpenAPI description');
    });

    describe('with agents matched by email', () => {
        beforeEach(() => start());

        it('sends a thread reply as the agent\'s public reply, acknowledges it, and does not mirror its echo', async () => {
            await say('Thanks Joe, the refund is on its way.\n\nSorry for the trouble & delay.');
            const [reply] = intercom.actions();
            assert.equal(reply!.path, `/conversations/${CONVERSATION_ID}/reply`);
            assert.deepEqual(reply!.body, { message_type: 'comment', type: 'admin', admin_id: ALEX_ADMIN.id, body: '<p>Thanks Joe, the refund is on its way.</p><p>Sorry for the trouble &amp; delay.</p>' });
            assert.equal(lastThreadText(), '✓ Sent to the customer as Alex Wilber.');

            // Intercom's webhooks for the part Deskbridge created, and for one made in Intercom.
            const conversation = structuredClone(intercom.conversations.get(CONVERSATION_ID)!);
            const echo = conversation.conversation_parts.conversation_parts.at(-1)!;
            const other = { ...echo, id: '555000111', body: '<p>I also checked the invoice.</p>', author: { type: 'admin', id: '3156780', name: 'Ana Lima', email: 'ana@contoso.com' } };
            conversation.conversation_parts.conversation_parts = [echo, other];
            const delivery = { ...intercomFixture('conversation.admin.replied'), id: 'notif_echo_1', data: { item: conversation } };
            assert.equal((await postIntercom(app.url, delivery)).status, 200);
            await eventually(settled, 'echo handled');
            const texts = connector.sentTexts().join('\n');
            assert.doesNotMatch(texts, /refund is on its way/, 'the agent\'s own reply is not posted back');
            assert.match(texts, /\*\*Ana Lima \(Intercom\):\*\*\n\nI also checked the invoice\./);
        });

        it('runs #note, #claim, #close and #reopen typed in the thread, refreshing the card', async () => {
            await say('#nota Customer is on the legacy plan');
            await say('#claim');
            assert.match(lastCard(), /"title":"Assignee","value":"Alex Wilber"\},\{"title":"Team","value":"Billing"/);
            await say('#fechar');
            assert.match(lastCard(), /"text":"✅ Closed"/);
            assert.match(lastCard(), /"verb":"reopen"/, 'a closed conversation offers Reopen');
            await say('#reopen');
            assert.match(lastCard(), /"text":"(🟢 Open|🔴 Waiting on us|🟡 Fin handed over)/);
            assert.deepEqual(
                intercom.actions().map((r) => r.body),
                [
                    { message_type: 'note', type: 'admin', admin_id: ALEX_ADMIN.id, body: '<p>Customer is on the legacy plan</p>' },
                    { message_type: 'assignment', type: 'admin', admin_id: ALEX_ADMIN.id, assignee_id: ALEX_ADMIN.id },
                    { message_type: 'close', type: 'admin', admin_id: ALEX_ADMIN.id },
                    { message_type: 'open', admin_id: ALEX_ADMIN.id }
                ]
            );
            assert.equal(lastThreadText(), '✓ Reopened in Intercom by Alex Wilber.');
            assert.match(connector.sentTexts().join('\n'), /📝 Internal note added in Intercom by Alex Wilber\./);
        });

        it('answers #help and unknown commands in the thread without calling Intercom', async () => {
            await say('#help');
            assert.match(lastThreadText(), /#note/);
            await say('#frobnicate');
            assert.match(lastThreadText(), /Unknown command `#frobnicate`/);
            await say('#note');
            assert.match(lastThreadText(), /Write the text after `#note`/);
            assert.equal(intercom.actions().length, 0);
        });

        it('acts from the card buttons, answering with the card of the pressed thread', async () => {
            // The button's data names another conversation: refused, nothing changes.
            const forged = await post(`${app.url}/api/messages`, cardAction(connector.url, thread, 'close', { conversationId: '999' }));
            assert.match(JSON.stringify((forged.body as { value: unknown }).value), /cannot act on another one/);
            const invoke = await post(`${app.url}/api/messages`, cardAction(connector.url, thread, 'close', { conversationId: CONVERSATION_ID }));
            assert.equal(invoke.status, 200);
            const response = invoke.body as { statusCode: number; type: string; value: unknown };
            assert.equal(response.type, 'application/vnd.microsoft.card.adaptive');
            assert.match(JSON.stringify(response.value), /⏳ Close requested by Alex Wilber…/);
            await eventually(settled, 'close done');
            assert.equal(intercom.actions()[0]!.path, `/conversations/${CONVERSATION_ID}/parts`);
            assert.match(lastCard(), /"text":"✅ Closed"/);
            assert.match(lastCard(), /Closed in Intercom by Alex Wilber/);

            await post(`${app.url}/api/messages`, cardAction(connector.url, thread, 'reopen', {}));
            await post(`${app.url}/api/messages`, cardAction(connector.url, thread, 'reply', { text: 'We are on it.' }));
            await post(`${app.url}/api/messages`, cardAction(connector.url, thread, 'note', { text: 'VIP customer' }));
            await post(`${app.url}/api/messages`, cardAction(connector.url, thread, 'assign_to_me', {}));
            // Tomorrow 9:00 in São Paulo (UTC−3) is 12:00 UTC.
            await post(`${app.url}/api/messages`, cardAction(connector.url, thread, 'snooze', { until: 'tomorrow' }, { timeZone: 'America/Sao_Paulo' }));
            await eventually(settled, 'card actions done');
            const bodies = intercom.actions().map((r) => r.body as Record<string, unknown>);
            assert.deepEqual(bodies.map((b) => b.message_type), ['close', 'open', 'comment', 'note', 'assignment', 'snoozed']);
            const until = new Date(Number(bodies[5]!.snoozed_until) * 1000);
            assert.equal(until.getUTCHours(), 12);
            assert.ok(until.getTime() > Date.now() && until.getTime() - Date.now() <= 48 * 3_600_000);
            assert.match(lastCard(), /Snoozed until/);
        });

        it('puts the card back and says why when a card action fails for good', async () => {
            intercom.conversations.delete(CONVERSATION_ID);
            const invoke = await post(`${app.url}/api/messages`, cardAction(connector.url, thread, 'close', {}));
            assert.match(JSON.stringify((invoke.body as { value: unknown }).value), /⏳ Close requested/);
            await eventually(async () => /no longer exists in Intercom/.test(lastThreadText()) && (await settled()), 'failure reported');
            assert.doesNotMatch(lastCard(), /⏳/, 'the pending line is gone from the card');
            assert.match(lastCard(), /"text":"(🟢 Open|🔴 Waiting on us|🟡 Fin handed over)/);
        });

        it('asks for text when the reply box is empty, and changes nothing', async () => {
            const invoke = await post(`${app.url}/api/messages`, cardAction(connector.url, thread, 'reply', { text: '  ' }));
            assert.deepEqual((invoke.body as { value: unknown }).value, 'Write the text after `#reply`.');
            await eventually(settled, 'nothing queued');
            assert.equal(intercom.actions().length, 0);
        });

        it('tells the agent who has no Intercom teammate, in the thread, and keeps a dead letter', async () => {
            await say('Hello from Megan', MEGAN);
            assert.equal(intercom.actions().length, 0);
            assert.match(lastThreadText(), /⚠️ Reply by Megan Bowen was not done in Intercom: Intercom has no user with the email megan@contoso\.com: ask your Intercom admin to add Megan Bowen/);
            assert.doesNotMatch(lastThreadText(), /INTERCOM/, 'the agent reads what to ask for, not a setting');
            const [dead] = await listDeadLetters(app.repos.db.kysely);
            assert.match(dead!.lastError ?? '', /set INTERCOM_DEFAULT_ADMIN_ID/, 'the admin reads the setting in the dead letter');
        });

        it('shows Intercom\'s reason when it refuses, and says when the conversation is gone', async () => {
            intercom.admins = intercom.admins.filter((a) => a.id !== ALEX_ADMIN.id);
            // The directory still maps Alex (cached); Intercom itself refuses the admin.
            await say('Are you there?');
            assert.match(lastThreadText(), /Reply by Alex Wilber was not done in Intercom: Intercom refused the request: “Admin not found”\. An admin sees the details under dead letters in `status`\./);
            intercom.admins.push(ALEX_ADMIN);
            intercom.conversations.delete(CONVERSATION_ID);
            await say('#close');
            assert.match(lastThreadText(), /Close by Alex Wilber was not done: this conversation no longer exists in Intercom/);
        });
    });

    describe('across a restart', () => {
        beforeEach(() => start());

        it('keeps the thread: a reply after the restart reaches Intercom and a new event lands in the same thread', async () => {
            const env = { INTERCOM_CLIENT_SECRET: INTERCOM_SECRET, INTERCOM_ACCESS_TOKEN: 'intercom-token', INTERCOM_API_BASE_URL: intercom.url, DATABASE_URL: app.databaseUrl, ...FAST_OUTBOX_ENV };
            await app.stop();
            app = await startTestApp(env);
            await say('Back after the restart');
            assert.equal(intercom.actions().length, 1);
            assert.equal(intercom.actions()[0]!.path, `/conversations/${CONVERSATION_ID}/reply`);
            await postIntercom(app.url, intercomFixture('conversation.user.replied'));
            await eventually(settled, 'customer reply mirrored');
            const threadCreations = connector.requests.filter((r) => r.method === 'POST' && r.path === '/v3/conversations');
            assert.equal(threadCreations.length, 1, 'still one thread');
            assert.ok(connector.sent().at(-1)!.request.path.startsWith(`/v3/conversations/${thread}/activities`), 'the new event went into the same thread');
        });
    });

    describe('with INTERCOM_DEFAULT_ADMIN_ID', () => {
        beforeEach(() => start({ INTERCOM_DEFAULT_ADMIN_ID: '3156780' }));

        it('replies for an unmatched agent as the default admin, signed with the agent\'s name', async () => {
            await say('Hello from Megan', MEGAN);
            assert.deepEqual(intercom.actions()[0]!.body, { message_type: 'comment', type: 'admin', admin_id: '3156780', body: '<p>Hello from Megan</p><p>— Megan Bowen (via Teams)</p>' });
            assert.equal(lastThreadText(), '✓ Sent to the customer as Ana Lima, signed "Megan Bowen (via Teams)".');
        });

        it('still refuses to assign the conversation to an agent without a teammate', async () => {
            await say('#assumir', MEGAN);
            assert.equal(intercom.actions().length, 0);
            assert.match(lastThreadText(), /Megan Bowen has no Intercom teammate/);
        });
    });
});
