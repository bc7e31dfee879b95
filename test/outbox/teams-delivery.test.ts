import assert from 'node:assert/strict';
import { TEAMS_CONVERSATION_LIMITS, TEAMS_TENANT_LIMITS } from '../../src/outbox/rate-limits';
import { queueStats, listDeadLetters } from '../../src/outbox/job-store';
import { replyJob, startThreadJob, updateRootJob } from '../../src/teams/jobs/teams-send-jobs';
import type { FakeBotConnector } from '../helpers/fake-bot-connector';
import { windowViolations } from '../helpers/rate-windows';
import type { TestApp } from '../helpers/start-app';
import { channelIds, eventually, installedApp, threadIn } from '../helpers/teams-scenario';

describe('outbox delivering to Teams', function () {
    this.timeout(60000);
    let app: TestApp;
    let connector: FakeBotConnector;

    afterEach(async () => {
        await app?.stop();
        await connector?.stop();
    });

    const allDone = async () => {
        const { counts } = await queueStats(app.repos.db.kysely);
        return counts.pending === 0 && counts.running === 0;
    };
    /** Texts that reached a thread's channel, in arrival order (root first). */
    const textsOf = (channelId: string) =>
        connector.sent().filter((s) => s.request.path.includes(channelId) || JSON.stringify(s.request.body).includes(channelId)).map((s) => s.activity.text);
    const sendTimes = () => connector.requests.filter((r) => r.method === 'POST' || r.method === 'PUT').filter((r) => r.path.startsWith('/v3/conversations'));

    it('delivers every job once, in order per thread, with threads in parallel', async () => {
        ({ app, connector } = await installedApp({}, 5));
        const channels = channelIds(5);
        const jobs = channels.flatMap((channelId, i) => {
            const key = `t${i}`;
            return [startThreadJob(threadIn(key, channelId)), ...[1, 2, 3, 4].map((n) => replyJob(key, { text: `${key} reply ${n}` })), updateRootJob(key, { text: `${key} updated` })];
        });
        await app.outbox.enqueue(jobs);
        await eventually(allDone, 'all jobs done');
        for (const [i, channelId] of channels.entries()) {
            assert.deepEqual(textsOf(channelId), [`root t${i}`, `t${i} reply 1`, `t${i} reply 2`, `t${i} reply 3`, `t${i} reply 4`]);
            const thread = await app.repos.threads.get(`t${i}`);
            const update = connector.requests.find((r) => r.method === 'PUT' && r.path.startsWith(`/v3/conversations/${thread!.conversationId}`));
            assert.equal((update?.body as { text: string }).text, `t${i} updated`);
        }
    });

    it('retries 429 with and without Retry-After, 500, timeouts and connection resets until delivered', async () => {
        ({ app, connector } = await installedApp());
        await app.outbox.enqueue([startThreadJob(threadIn('k'))]);
        await eventually(async () => !!(await app.repos.threads.get('k')), 'thread created');
        const before = connector.requests.length;
        connector.queueReplies({ status: 429, headers: { 'retry-after': '0.05' } }, { status: 429 }, { status: 500 }, { status: 200, delayMs: 1500 }, { status: 0, reset: true });
        await app.outbox.enqueue([replyJob('k', { text: 'finally' })]);
        await eventually(allDone, 'reply delivered');
        // One request per attempt: the SDK's own retries are off, the outbox does them.
        assert.equal(connector.requests.length - before, 6);
        assert.equal(connector.sent().at(-1)?.activity.text, 'finally');
        const metrics = await (await fetch(`${app.url}/metrics`)).text();
        assert.match(metrics, /deskbridge_peer_throttled_total\{peer="teams"\} 2/);
        assert.match(metrics, /deskbridge_outbox_jobs_processed_total\{kind="teams.reply",outcome="retry"\} 5/);
    });

    it('turns a permanent error into a dead letter with the reason, without retrying', async () => {
        ({ app, connector } = await installedApp());
        await app.outbox.enqueue([startThreadJob(threadIn('k'))]);
        await eventually(async () => !!(await app.repos.threads.get('k')), 'thread created');
        connector.queueReplies({ status: 403, body: { error: { code: 'BotDisabledByAdmin' } } });
        await app.outbox.enqueue([replyJob('k', { text: 'refused' })]);
        await eventually(async () => (await listDeadLetters(app.repos.db.kysely)).length === 1, 'dead letter');
        const [dead] = await listDeadLetters(app.repos.db.kysely);
        assert.equal(dead!.attempts, 1);
        assert.match(dead!.lastError ?? '', /permanent: teams answered 403/);
    });

    it('gives up after the maximum attempts', async () => {
        ({ app, connector } = await installedApp({ OUTBOX_MAX_ATTEMPTS: '3', CIRCUIT_FAILURES: '100' }));
        await app.outbox.enqueue([startThreadJob(threadIn('k'))]);
        await eventually(async () => !!(await app.repos.threads.get('k')), 'thread created');
        connector.queueReplies(...Array.from({ length: 3 }, () => ({ status: 502 })));
        await app.outbox.enqueue([replyJob('k', { text: 'never' })]);
        await eventually(async () => (await listDeadLetters(app.repos.db.kysely)).length === 1, 'dead letter');
        assert.match((await listDeadLetters(app.repos.db.kysely))[0]!.lastError ?? '', /gave up after 3 attempts: teams answered 502/);
    });

    it('opens the circuit when Teams is down, spends no attempts while open, and recovers', async () => {
        ({ app, connector } = await installedApp({ CIRCUIT_FAILURES: '3', CIRCUIT_OPEN_MS: '400', OUTBOX_MAX_ATTEMPTS: '5' }));
        await app.outbox.enqueue([startThreadJob(threadIn('a')), startThreadJob(threadIn('b'))]);
        await eventually(async () => !!(await app.repos.threads.get('b')), 'threads created');
        connector.queueReplies({ status: 503 }, { status: 503 }, { status: 503 });
        await app.outbox.enqueue([replyJob('a', { text: 'a1' }), replyJob('b', { text: 'b1' })]);
        await eventually(() => app.outbox.breakers.state('teams') === 'open', 'circuit open');
        assert.match(await (await fetch(`${app.url}/metrics`)).text(), /deskbridge_peer_circuit_state\{peer="teams"\} 2/);
        await eventually(allDone, 'both delivered after the probe');
        assert.equal(app.outbox.breakers.state('teams'), 'closed');
        assert.deepEqual(connector.sent().slice(-2).map((s) => s.activity.text).sort(), ['a1', 'b1']);
        // Three failed calls and two successes: the waits while the circuit was open spent nothing.
        const replies = await app.repos.db.kysely.selectFrom('outbox_jobs').select('attempts').where('kind', '=', 'teams.reply').execute();
        assert.equal(replies.reduce((sum, r) => sum + Number(r.attempts), 0), 5);
    });

    it('never exceeds the Teams limits per conversation and per tenant', async () => {
        ({ app, connector } = await installedApp({}, 10));
        const channels = channelIds(10);
        const jobs = channels.flatMap((channelId, i) => [startThreadJob(threadIn(`t${i}`, channelId)), ...Array.from({ length: i === 0 ? 14 : 6 }, (_, n) => replyJob(`t${i}`, { text: `r${n}` }))]);
        const welcome = sendTimes().length;
        await app.outbox.enqueue(jobs);
        await eventually(allDone, 'burst delivered', 30000);
        const sends = sendTimes().slice(welcome);
        assert.equal(sends.length, jobs.length);
        const violations = [...windowViolations('tenant', sends.map((r) => r.at), TEAMS_TENANT_LIMITS)];
        for (const channelId of channels) {
            const times = sends.filter((r) => r.path.includes(channelId) || JSON.stringify(r.body).includes(channelId)).map((r) => r.at);
            violations.push(...windowViolations(channelId, times, TEAMS_CONVERSATION_LIMITS));
        }
        assert.deepEqual(violations, []);
    });
});
