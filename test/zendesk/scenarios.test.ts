import assert from 'node:assert/strict';
import { listDeadLetters } from '../../src/outbox/job-store';
import { ALEX, MEGAN, SUPPORT_CHANNEL_ID, cardAction, channelMention, threadReply } from '../helpers/activities';
import type { FakeBotConnector } from '../helpers/fake-bot-connector';
import { FakeZendesk } from '../helpers/fake-zendesk';
import { post } from '../helpers/post';
import type { TestApp } from '../helpers/start-app';
import { channelIds, eventually, installedApp, nothingDue } from '../helpers/teams-scenario';
import { ZENDESK_SECRET, postZendesk, zendeskFixture } from '../helpers/zendesk';

const TICKET = 35436;
const JOE = { id: 20978392, name: 'Joe Bloggs', email: 'joe@fabrikam.example', role: 'end-user' as const };
const INTEGRATION = { id: 991267700, name: 'Deskbridge Integration', email: 'deskbridge@contoso.com', role: 'admin' as const };
const ALEX_AGENT = { id: 991267701, name: 'Alex Wilber', email: 'alex@contoso.com', role: 'agent' as const };
const VIP = channelIds(2)[1]!;

/** A ticket event delivery for `ticketId`, from the fixture of `type`, with its own event id. */
function event(type: string, ticketId = TICKET, id = `evt-${type.replace(/\./g, '-')}-${ticketId}-${Math.random().toString(36).slice(2)}`) {
    const e = zendeskFixture(type);
    return { ...e, id, subject: `zen:ticket:${ticketId}`, detail: { ...e.detail, id: String(ticketId) } };
}

describe('Zendesk Support ↔ Teams', function () {
    this.timeout(40000);
    let app: TestApp;
    let connector: FakeBotConnector;
    let zendesk: FakeZendesk;
    let thread: string;

    const settled = () => nothingDue(app);
    const mention = (text: string, channelId = SUPPORT_CHANNEL_ID) => post(`${app.url}/api/messages`, channelMention(connector.url, text, { channelId }));
    const deliver = async (body: unknown) => {
        const res = await postZendesk(app.url, body);
        assert.equal(res.status, 200, JSON.stringify(res.body));
        await eventually(settled, 'delivery handled');
        return res;
    };
    const say = async (text: string, from = ALEX) => {
        const res = await post(`${app.url}/api/messages`, threadReply(connector.url, thread, text, { from }));
        assert.equal(res.status, 200);
        await eventually(settled, `"${text}" handled`);
    };
    const texts = () => connector.sentTexts().join('\n');
    const lastCard = () => JSON.stringify(connector.requests.filter((r) => r.method === 'PUT').at(-1)?.body ?? {});
    const rootsIn = (channelId: string) => connector.requests.filter((r) => r.method === 'POST' && r.path === '/v3/conversations' && (r.body as { channelData: { channel: { id: string } } }).channelData.channel.id === channelId);
    const inboxCount = async () => Number((await app.repos.db.kysely.selectFrom('inbox').select((eb) => eb.fn.countAll().as('n')).where('source', '=', 'zendesk').executeTakeFirstOrThrow()).n);

    const start = async (env: Record<string, string> = {}) => {
        zendesk = await new FakeZendesk().start();
        for (const u of [JOE, INTEGRATION, ALEX_AGENT]) zendesk.users.set(u.id, { ...u });
        zendesk.addTicket({ id: TICKET, requester_id: JOE.id, subject: 'Charged twice for March' }, 'My invoice shows a double charge');
        ({ app, connector } = await installedApp(
            { ZENDESK_WEBHOOK_SECRET: ZENDESK_SECRET, ZENDESK_BASE_URL: zendesk.url, ZENDESK_EMAIL: INTEGRATION.email, ZENDESK_API_TOKEN: zendesk.apiToken, ...env },
            2
        ));
        connector.roster = [
            { id: ALEX.id, name: ALEX.name, email: ALEX_AGENT.email, aadObjectId: ALEX.aadObjectId },
            { id: MEGAN.id, name: MEGAN.name, email: 'megan@contoso.com', aadObjectId: MEGAN.aadObjectId }
        ];
        await mention('setup zendesk');
    };
    const startWithThread = async (env: Record<string, string> = {}) => {
        await start(env);
        await deliver(event('ticket.created'));
        thread = (await app.repos.threads.get(`zendesk:${TICKET}`))!.conversationId;
    };

    afterEach(async () => {
        await app.stop();
        await connector.stop();
        await zendesk.stop();
        assert.deepEqual(zendesk.violations, [], 'every Zendesk request matches the API reference');
    });

    describe('Zendesk → Teams', () => {
        beforeEach(() => start());

        it('turns a signed ticket.created into a thread whose card shows the ticket, and a duplicate into nothing', async () => {
            const created = event('ticket.created');
            const first = await deliver(created);
            assert.deepEqual(first.body, { status: "stored" });
            assert.equal(rootsIn(SUPPORT_CHANNEL_ID).length, 1);
            const root = JSON.stringify(rootsIn(SUPPORT_CHANNEL_ID)[0]!.body);
            assert.match(root, /Joe Bloggs/);
            assert.match(root, /Charged twice for March/);
            assert.match(root, /Open in Zendesk/);
            assert.match(root, new RegExp(`${zendesk.url.replace(/[.:/]/g, '\\$&')}/agent/tickets/${TICKET}`));
            assert.match(root, /"helpdesk":"zendesk"/, 'the buttons name the helpdesk');
            assert.match(texts(), /\*\*Joe Bloggs\*\* wrote:\n\n> My invoice shows a double charge/);
            // The job read the ticket with the API, whatever the event carried.
            assert.ok(zendesk.requests.some((r) => r.method === 'GET' && r.path === `/api/v2/tickets/${TICKET}.json`));
            assert.ok(zendesk.requests.some((r) => r.method === 'GET' && r.path === `/api/v2/tickets/${TICKET}/comments.json`));

            const sentBefore = connector.sent().length;
            const again = await deliver(created);
            assert.deepEqual(again.body, { status: 'duplicate' });
            assert.equal(connector.sent().length, sentBefore, 'a redelivery posts nothing');
        });

        it('posts new comments into the thread: the customer quoted, agents named, internal notes marked, attachments as links', async () => {
            await deliver(event('ticket.created'));
            zendesk.addComment(TICKET, JOE.id, 'Any news on this?', true, [{ file_name: 'invoice.pdf', content_url: 'https://contoso.zendesk.com/attachments/token/abc/?name=invoice.pdf' }]);
            await deliver(event('ticket.comment_added'));
            zendesk.addComment(TICKET, ALEX_AGENT.id, 'Checking with billing.', true);
            zendesk.addComment(TICKET, ALEX_AGENT.id, 'Refund approved by finance', false);
            // One event may stand for several comments: the job posts all that are new, once.
            await deliver(event('ticket.comment_added'));
            await deliver(event('ticket.comment_added'));
            const all = texts();
            assert.match(all, /\*\*Joe Bloggs\*\* wrote:\n\n> Any news on this\?\n\n📎 \[invoice\.pdf\]\(https:\/\/contoso\.zendesk\.com\/attachments\/token\/abc\/\?name=invoice\.pdf\)/);
            assert.match(all, /\*\*Alex Wilber \(Zendesk\):\*\*\n\nChecking with billing\./);
            assert.match(all, /🔒 \*\*Internal note by Alex Wilber:\*\*\n\nRefund approved by finance/);
            assert.equal(all.match(/Checking with billing/g)?.length, 1, 'each comment is posted once');
        });

        it('starts the thread of a ticket first seen through a later event, with its opening comment', async () => {
            zendesk.addComment(TICKET, JOE.id, 'Hello? Anyone?', true);
            await deliver(event('ticket.comment_added'));
            assert.equal(rootsIn(SUPPORT_CHANNEL_ID).length, 1);
            assert.match(texts(), /> My invoice shows a double charge[\s\S]*> Hello\? Anyone\?/);
        });

        it('refreshes the card when the status changes in Zendesk, and shows the customer\'s rating', async () => {
            await deliver(event('ticket.created'));
            Object.assign(zendesk.tickets.get(TICKET)!, { status: 'solved', satisfaction_rating: { id: 55, score: 'good', comment: 'Quick and kind, thanks!', updated_at: new Date().toISOString() } });
            await deliver(event('ticket.status_changed'));
            assert.match(lastCard(), /"text":"✅ Closed"/);
            assert.match(lastCard(), /"verb":"reopen"/);
            assert.match(lastCard(), /👍 Good/);
            assert.match(texts(), /⭐ \*\*The customer rated this conversation\*\* 👍 Good: “Quick and kind, thanks!”/);
        });

        it('accepts a trigger webhook naming the ticket, deduplicated by its update time', async () => {
            const body = { deskbridge_trigger: 'ticket', ticket_id: String(TICKET), updated_at: '2025-01-08T10:12:07Z' };
            assert.deepEqual((await deliver(body)).body, { status: 'stored' });
            assert.equal(rootsIn(SUPPORT_CHANNEL_ID).length, 1);
            assert.deepEqual((await deliver(body)).body, { status: 'duplicate' });
        });

        it('refuses a bad signature, a stale timestamp and a malformed body with a 4xx, storing nothing', async () => {
            const created = event('ticket.created');
            const forged = await postZendesk(app.url, created, { secret: 'not-the-secret' });
            assert.equal(forged.status, 401);
            assert.match(JSON.stringify(forged.body), /Invalid X-Zendesk-Webhook-Signature/);
            const stale = await postZendesk(app.url, created, { timestamp: new Date(Date.now() - 60 * 60_000).toISOString() });
            assert.equal(stale.status, 401);
            assert.match(JSON.stringify(stale.body), /Stale/);
            const unsigned = await post(`${app.url}/api/webhooks/zendesk`, created);
            assert.equal(unsigned.status, 401);
            const notJson = await postZendesk(app.url, '{"type": "zen:event-type:ticket.created",');
            assert.equal(notJson.status, 400);
            const wrongTicket = await postZendesk(app.url, { ...created, subject: 'zen:ticket:1' });
            assert.equal(wrongTicket.status, 422);
            assert.match(JSON.stringify(wrongTicket.body), /detail\.id/);
            const pathLike = await postZendesk(app.url, { ...created, subject: 'zen:ticket:../admin', detail: { id: '../admin' } });
            assert.equal(pathLike.status, 422);
            assert.equal(await inboxCount(), 0, 'nothing was stored');
            assert.equal(rootsIn(SUPPORT_CHANNEL_ID).length, 0);
        });

        it('acknowledges and ignores event types it does not mirror', async () => {
            const res = await postZendesk(app.url, { ...event('ticket.created'), type: 'zen:event-type:user.active_changed', subject: 'zen:user:6596848315901' });
            assert.equal(res.status, 200);
            assert.equal((res.body as { status: string }).status, 'ignored');
            assert.equal(await inboxCount(), 0);
        });
    });

    describe('Teams → Zendesk, agents matched by email', () => {
        beforeEach(() => startWithThread());

        it('sends a thread reply as a public comment written by the agent, made as the agent, and does not mirror its echo', async () => {
            await say('Thanks Joe, the refund is on its way.\n\nSorry for the trouble & delay.');
            const [update] = zendesk.updates();
            assert.equal(update!.path, `/api/v2/tickets/${TICKET}.json`);
            assert.deepEqual(update!.body, { ticket: { comment: { html_body: '<p>Thanks Joe, the refund is on its way.</p><p>Sorry for the trouble &amp; delay.</p>', public: true, author_id: ALEX_AGENT.id } } });
            assert.equal(zendesk.actingAs[0], ALEX_AGENT.email, 'the update is attributed to the agent, not the integration user');
            assert.equal(connector.sentTexts().at(-1), '✓ Sent to the customer as Alex Wilber.');

            // Zendesk's webhook for the comment Deskbridge created, and one written in Zendesk.
            zendesk.addComment(TICKET, INTEGRATION.id, 'I also checked the invoice.', true);
            await deliver(event('ticket.comment_added'));
            const all = texts();
            assert.doesNotMatch(all, /\(Zendesk\):\*\*\n\nThanks Joe/, 'the agent\'s own reply is not posted back');
            assert.match(all, /\*\*Deskbridge Integration \(Zendesk\):\*\*\n\nI also checked the invoice\./);
        });

        it('runs #note, #claim, #close and #reopen typed in the thread, refreshing the card', async () => {
            await say('#nota Customer is on the legacy plan');
            await say('#claim');
            assert.match(lastCard(), /"title":"Assignee","value":"Alex Wilber"\},\{"title":"Team","value":"Billing"/);
            await say('#fechar');
            assert.match(lastCard(), /"text":"✅ Closed"/);
            await say('#reopen');
            assert.match(lastCard(), /"text":"(🟢 Open|🔴 Waiting on us|🟡 Fin handed over)/);
            assert.deepEqual(
                zendesk.updates().map((r) => r.body),
                [
                    { ticket: { comment: { html_body: '<p>Customer is on the legacy plan</p>', public: false, author_id: ALEX_AGENT.id } } },
                    { ticket: { assignee_id: ALEX_AGENT.id } },
                    { ticket: { status: 'solved' } },
                    { ticket: { status: 'open' } }
                ]
            );
            assert.ok(zendesk.actingAs.every((e) => e === ALEX_AGENT.email));
            assert.match(texts(), /📝 Internal note added in Zendesk by Alex Wilber\./);
            assert.equal(connector.sentTexts().at(-1), '✓ Reopened in Zendesk by Alex Wilber.');
        });

        it('acts from the card buttons: Take it, Snooze (pending) and Close', async () => {
            const press = async (verb: string, data: Record<string, unknown> = {}) => {
                const res = await post(`${app.url}/api/messages`, cardAction(connector.url, thread, verb, { conversationId: String(TICKET), helpdesk: 'zendesk', ...data }));
                assert.equal(res.status, 200);
                await eventually(settled, `${verb} done`);
            };
            await press('assign_to_me');
            assert.doesNotMatch(lastCard(), /Snooze…/, 'Zendesk has no snooze times to choose');
            await press('snooze');
            assert.match(lastCard(), /"text":"⏸ Pending/);
            assert.doesNotMatch(lastCard(), /"verb":"snooze"/, 'a pending ticket is not set pending again');
            assert.match(connector.sentTexts().at(-1) ?? '', /Set to pending in Zendesk by Alex Wilber/);
            await press('close');
            assert.deepEqual(zendesk.updates().map((r) => r.body), [{ ticket: { assignee_id: ALEX_AGENT.id } }, { ticket: { status: 'pending' } }, { ticket: { status: 'solved' } }]);
            // A button naming another helpdesk's conversation is refused in this thread.
            const forged = await post(`${app.url}/api/messages`, cardAction(connector.url, thread, 'close', { conversationId: String(TICKET), helpdesk: 'intercom' }));
            assert.match(JSON.stringify(forged.body), /cannot act on another one/);
        });

        it('honours a 429 with Retry-After, and waits while Zendesk says the minute is spent', async () => {
            // The first update is refused as Zendesk refuses over its limit; the answer also says the minute is spent.
            let refusedOnce = false;
            const update = (zendesk as unknown as { update(id: number, req: unknown): unknown }).update.bind(zendesk);
            zendesk.on('PUT', '/api/v2/tickets/:id.json', (req, p) => {
                if (refusedOnce) return update(Number(p.id), req) as never;
                refusedOnce = true;
                return { status: 429, headers: { 'retry-after': '1', 'x-rate-limit': '700', 'x-rate-limit-remaining': '0' }, body: { error: 'APIRateLimitExceeded', description: 'Number of allowed API requests per minute exceeded' } };
            });
            const before = Date.now();
            await post(`${app.url}/api/messages`, threadReply(connector.url, thread, 'After the limit'));
            await eventually(async () => zendesk.updates().length === 2 && (await settled()), 'the reply after the wait', 20_000);
            const [refused, done] = zendesk.updates();
            assert.ok(done!.at - refused!.at >= 950, `retried after Retry-After (${done!.at - refused!.at} ms)`);
            assert.ok(done!.at - before >= 950);
            assert.equal(connector.sentTexts().at(-1), '✓ Sent to the customer as Alex Wilber.');
        });

        it('tells an agent without a Zendesk user, in the thread, naming the fix', async () => {
            await say('Hi from Megan', MEGAN);
            assert.equal(zendesk.updates().length, 0);
            assert.match(connector.sentTexts().at(-1) ?? '', /Zendesk has no user with the email megan@contoso\.com: ask your Zendesk admin to add Megan Bowen/);
            assert.doesNotMatch(connector.sentTexts().at(-1) ?? '', /ZENDESK/, 'the agent reads what to ask for, not a setting');
            const [dead] = await listDeadLetters(app.repos.db.kysely);
            assert.match(dead!.lastError ?? '', /ZENDESK_DEFAULT_AUTHOR_ID/, 'the admin reads the setting in the dead letter');
        });

        it('backfills unsolved tickets with `sync zendesk`', async () => {
            zendesk.addTicket({ id: 35437, requester_id: JOE.id, subject: 'Cannot log in' }, 'The login page loops');
            zendesk.addTicket({ id: 35438, requester_id: JOE.id, subject: 'Old one', status: 'solved' }, 'Done already');
            await mention('sync zendesk');
            await eventually(settled, 'synced');
            assert.ok(await app.repos.threads.get('zendesk:35437'), 'an unsolved ticket got its thread');
            assert.equal(await app.repos.threads.get('zendesk:35438'), undefined, 'a solved one did not');
            assert.match(texts(), /> The login page loops/);
        });
    });

    describe('with ZENDESK_DEFAULT_AUTHOR_ID', () => {
        beforeEach(() => startWithThread({ ZENDESK_DEFAULT_AUTHOR_ID: String(INTEGRATION.id) }));

        it('replies for an unmatched agent as the default author, signed, made as the integration user', async () => {
            await say('Hi from Megan', MEGAN);
            const [update] = zendesk.updates();
            assert.deepEqual(update!.body, { ticket: { comment: { html_body: '<p>Hi from Megan</p><p>— Megan Bowen (via Teams)</p>', public: true, author_id: INTEGRATION.id } } });
            assert.equal(zendesk.actingAs[0], INTEGRATION.email);
            assert.match(connector.sentTexts().at(-1) ?? '', /Sent to the customer as Deskbridge Integration, signed "Megan Bowen \(via Teams\)"/);
        });
    });

    describe('routing and keyword categories', () => {
        beforeEach(() => start({ SUPPORT_KEYWORD_CATEGORIES: 'complaint!:charged twice,Reklamation;refund:refund' }));

        it('routes by customer tier and by group, and tags a complaint with high priority once', async () => {
            await mention('route zendesk tier:enterprise here', VIP);
            await mention('route zendesk group:Billing here priority 200', VIP);
            assert.match(connector.sentTexts().at(-1) ?? '', /new Zendesk conversations with team "Billing" start their thread/);
            await mention('route list');
            assert.match(connector.sentTexts().at(-1) ?? '', /#1 · zendesk tier:enterprise → .*\n- #2 · zendesk team:Billing/);
            zendesk.users.set(JOE.id, { ...JOE, user_fields: { tier: 'Enterprise' } });
            zendesk.addTicket({ id: 35440, requester_id: 20978393, subject: 'Question', group_id: 999 }, 'Hello');
            zendesk.users.set(20978393, { id: 20978393, name: 'Kim', email: 'kim@example.com', role: 'end-user' });

            await deliver(event('ticket.created'));
            await deliver(event('ticket.created', 35440));
            assert.equal((await app.repos.threads.get(`zendesk:${TICKET}`))?.channelId, VIP, 'the enterprise customer reached the VIP channel');
            assert.equal((await app.repos.threads.get('zendesk:35440'))?.channelId, SUPPORT_CHANNEL_ID);

            const categorized = zendesk.updates().filter((r) => r.path === `/api/v2/tickets/${TICKET}.json`);
            assert.deepEqual(categorized.map((r) => r.body), [{ ticket: { additional_tags: ['complaint'], priority: 'high' } }]);
            assert.match(texts(), /🏷️ Tagged \*\*complaint\*\* and raised to high priority in Zendesk \(the customer wrote “charged twice”\)/);
            await deliver(event('ticket.status_changed'));
            assert.equal(zendesk.updates().length, 1, 'a category is set once per conversation');
        });
    });
});
