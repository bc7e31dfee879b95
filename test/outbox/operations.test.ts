import assert from 'node:assert/strict';
import { runOutboxCli } from '../../src/outbox/cli';
import { listDeadLetters, queueStats } from '../../src/outbox/job-store';
import { replyJob, startThreadJob } from '../../src/teams/jobs/teams-send-jobs';
import { ALEX, BOT_ID, MEGAN, SUPPORT_CHANNEL_ID, TEAM_ID, TENANT_ID, channelMention } from '../helpers/activities';
import type { FakeBotConnector } from '../helpers/fake-bot-connector';
import { post } from '../helpers/post';
import type { TestApp } from '../helpers/start-app';
import { eventually, installedApp, threadIn } from '../helpers/teams-scenario';

const KEY = 'admin-key-for-tests';

describe('dead letters: listed and replayed over REST, the CLI and Teams', function () {
    this.timeout(30000);
    let app: TestApp;
    let connector: FakeBotConnector;

    /** Two dead letters: Teams refused the replies permanently. */
    async function makeDeadLetters(): Promise<void> {
        await app.outbox.enqueue([startThreadJob(threadIn('k'))]);
        await eventually(async () => !!(await app.repos.threads.get('k')), 'thread created');
        connector.queueReplies({ status: 404 }, { status: 400 });
        await app.outbox.enqueue([replyJob('k', { text: 'one' }), replyJob('k', { text: 'two' })]);
        await eventually(async () => (await listDeadLetters(app.repos.db.kysely)).length === 2, 'two dead letters');
    }
    const allDone = async () => (await queueStats(app.repos.db.kysely)).counts.dead === 0 && (await queueStats(app.repos.db.kysely)).counts.pending === 0;

    beforeEach(async () => {
        ({ app, connector } = await installedApp({ ADMIN_API_KEY: `old-key,${KEY}`, ADMIN_USERS: 'alex@contoso.com' }));
        connector.roster = [{ id: ALEX.id, name: ALEX.name, email: 'alex@contoso.com' }, { id: MEGAN.id, name: MEGAN.name, email: 'megan@contoso.com' }];
        await makeDeadLetters();
    });
    afterEach(async () => {
        await app.stop();
        await connector.stop();
    });

    it('REST: refuses without the key, lists with the reason, replays one and then all', async () => {
        const noKey = await fetch(`${app.url}/api/admin/dead-letters`);
        assert.equal(noKey.status, 401);
        const wrong = await fetch(`${app.url}/api/admin/dead-letters`, { headers: { 'x-api-key': 'nope' } });
        assert.equal(wrong.status, 401);
        const list = await fetch(`${app.url}/api/admin/dead-letters`, { headers: { 'x-api-key': KEY } });
        const body = (await list.json()) as { dead_letters: Array<{ id: number; kind: string; last_error: string }> };
        assert.equal(body.dead_letters.length, 2);
        assert.match(body.dead_letters.map((d) => d.last_error).join('\n'), /teams answered 404/);
        assert.doesNotMatch(JSON.stringify(body), /"one"|"two"/, 'payloads (customer text) stay out');

        const outbox = await fetch(`${app.url}/api/admin/outbox`, { headers: { 'x-api-key': KEY } });
        assert.deepEqual(((await outbox.json()) as { counts: { dead: number } }).counts.dead, 2);

        const missing = await post(`${app.url}/api/admin/dead-letters/999999/replay`, {}, { 'x-api-key': KEY });
        assert.equal(missing.status, 404);
        const bad = await post(`${app.url}/api/admin/dead-letters/abc/replay`, {}, { 'x-api-key': KEY });
        assert.equal(bad.status, 400);

        const one = await post(`${app.url}/api/admin/dead-letters/${body.dead_letters[1]!.id}/replay`, {}, { 'x-api-key': 'old-key' });
        assert.deepEqual(one.body, { replayed: [body.dead_letters[1]!.id] });
        const all = await post(`${app.url}/api/admin/dead-letters/all/replay`, {}, { 'x-api-key': KEY });
        assert.equal(all.status, 200);
        await eventually(allDone, 'replayed jobs delivered');
        assert.deepEqual(connector.sent().slice(-2).map((s) => s.activity.text).sort(), ['one', 'two']);
    });

    it('CLI: lists and replays on the same database', async () => {
        const env = { DATABASE_URL: app.databaseUrl };
        const list = await runOutboxCli(['list'], env);
        assert.equal(list.code, 0);
        assert.match(list.output, /teams\.reply\tthread:k\tattempts=1/);
        assert.equal((await runOutboxCli(['replay'], env)).code, 2);
        const replay = await runOutboxCli(['replay', '--all'], env);
        assert.match(replay.output, /replayed 2 dead letter/);
        app.outbox.worker.notify();
        await eventually(allDone, 'replayed jobs delivered');
    });

    it('Teams: status shows the queue and dead letters; admins replay by command or button, others are refused', async () => {
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'status'));
        const card = JSON.stringify(connector.sent().at(-1)?.activity.attachments);
        assert.match(card, /· 2 dead letters/);
        assert.match(card, /"verb":"replay_dead_letters"/);

        await post(`${app.url}/api/messages`, channelMention(connector.url, 'replay all', { from: MEGAN }));
        assert.match(connector.sentTexts().at(-1) ?? '', /only Deskbridge admins can replay/);
        assert.equal((await listDeadLetters(app.repos.db.kysely)).length, 2);

        const [first] = await listDeadLetters(app.repos.db.kysely);
        await post(`${app.url}/api/messages`, channelMention(connector.url, `replay ${first!.id}`, { from: ALEX }));
        await eventually(() => connector.sentTexts().some((text) => /Replaying 1 dead letter\./.test(text)), 'replay confirmed');

        const invoke = await post(`${app.url}/api/messages`, {
            type: 'invoke',
            name: 'adaptiveCard/action',
            id: 'invoke-1',
            channelId: 'msteams',
            serviceUrl: connector.url,
            from: ALEX,
            recipient: { id: BOT_ID },
            conversation: { id: `${SUPPORT_CHANNEL_ID};messageid=status-1`, conversationType: 'channel', tenantId: TENANT_ID },
            channelData: { team: { id: TEAM_ID }, channel: { id: SUPPORT_CHANNEL_ID }, tenant: { id: TENANT_ID } },
            value: { action: { type: 'Action.Execute', verb: 'replay_dead_letters', data: { which: 'all' } }, trigger: 'manual' }
        });
        assert.equal(invoke.status, 200);
        const response = invoke.body as { statusCode: number; type: string; value: { type: string } };
        assert.equal(response.statusCode, 200);
        assert.equal(response.type, 'application/vnd.microsoft.card.adaptive');
        assert.equal(response.value.type, 'AdaptiveCard');
        await eventually(allDone, 'replayed jobs delivered');
    });
});
