import assert from 'node:assert/strict';
import { openDatabase, migrateToLatest, type Db } from '../../src/store/database';
import { createRepositories } from '../../src/store/index';
import { queueStats } from '../../src/outbox/job-store';
import { enqueueJobs } from '../../src/outbox/job-store';
import { TEAMS_CONVERSATION_LIMITS, TEAMS_TENANT_LIMITS } from '../../src/outbox/rate-limits';
import { BOT_ID, TEAM_ID, TENANT_ID } from '../helpers/activities';
import { startChild, type ChildApp } from '../helpers/child-app';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';
import { FakeBotConnector } from '../helpers/fake-bot-connector';
import { windowViolations } from '../helpers/rate-windows';
import { channelIds, eventually, FAST_OUTBOX_ENV } from '../helpers/teams-scenario';
import { THREADS, deliveryJobs } from '../fixtures/delivery-jobs';
import { tempSqliteUrl } from '../helpers/start-app';

/** Records the team as installed, pointing at the fake connector. */
async function installTeam(db: Db, serviceUrl: string): Promise<void> {
    await createRepositories(db).teams.saveInstallation({
        teamId: TEAM_ID,
        tenantId: TENANT_ID,
        name: 'Support Team',
        aadGroupId: null,
        serviceUrl,
        reference: { channelId: 'msteams', serviceUrl, bot: { id: BOT_ID }, conversation: { id: TEAM_ID, isGroup: true, conversationType: 'channel', tenantId: TENANT_ID } }
    });
}

/** Texts of replies per thread, in arrival order, from what the connector received. */
function repliesByThread(connector: FakeBotConnector): Map<string, number[]> {
    const byThread = new Map<string, number[]>();
    for (const { request, activity } of connector.sent()) {
        const match = /^e(\d+)$/.exec(activity.text ?? '');
        if (!match) continue;
        const channel = /^\/v3\/conversations\/([^;]+);/.exec(request.path)?.[1] ?? '?';
        byThread.set(channel, [...(byThread.get(channel) ?? []), Number(match[1])]);
    }
    return byThread;
}

const allDone = async (db: Db) => {
    const { counts } = await queueStats(db.kysely);
    return counts.pending === 0 && counts.running === 0;
};

describe('outbox across processes', function () {
    this.timeout(90000);
    let connector: FakeBotConnector;
    const children: ChildApp[] = [];

    beforeEach(async () => {
        connector = await new FakeBotConnector().start();
    });
    afterEach(async () => {
        for (const c of children.splice(0)) {
            if (c.process.exitCode === null && c.process.signalCode === null) {
                c.process.kill('SIGKILL');
                await c.exited;
            }
        }
        await connector.stop();
    });

    describe('two workers in separate processes on one PostgreSQL database', () => {
        let tdb: TestDatabase;
        before(async () => {
            tdb = await createTestDatabase('postgres');
        });
        after(async () => {
            await tdb.dispose();
        });

        it('runs each job exactly once, in order per thread, within the Teams limits', async () => {
            await installTeam(tdb.db, connector.url);
            const count = 120;
            await enqueueJobs(tdb.db.kysely, Array.from({ length: count }, (_, i) => deliveryJobs(i)).flat());
            const env = { ...FAST_OUTBOX_ENV, DATABASE_URL: tdb.url, OUTBOX_WORKERS: '6' };
            children.push(startChild(env), startChild(env));
            await Promise.all(children.map((c) => c.ready));
            await eventually(() => allDone(tdb.db), 'all jobs done', 60000);

            const texts = connector.sent().map((s) => s.activity.text);
            for (let i = 0; i < count; i++) assert.equal(texts.filter((t) => t === `e${i}`).length, 1, `e${i} delivered exactly once`);
            assert.equal(connector.requests.filter((r) => r.path === '/v3/conversations').length, THREADS, 'one thread per key');
            for (const [channel, order] of repliesByThread(connector)) assert.deepEqual(order, [...order].sort((a, b) => a - b), `order in ${channel}`);

            const sends = connector.requests.filter((r) => r.method === 'POST' && r.path.startsWith('/v3/conversations'));
            const violations = windowViolations('tenant', sends.map((r) => r.at), TEAMS_TENANT_LIMITS);
            for (const channelId of channelIds(THREADS)) {
                violations.push(...windowViolations(channelId, sends.filter((r) => JSON.stringify(r.body).includes(channelId) || r.path.includes(channelId)).map((r) => r.at), TEAMS_CONVERSATION_LIMITS));
            }
            assert.deepEqual(violations, []);
        });
    });

    it('loses no acknowledged delivery when the process is killed with SIGKILL mid-burst', async () => {
        const databaseUrl = tempSqliteUrl();
        const seed = await openDatabase({ kind: 'sqlite', file: databaseUrl.slice('sqlite:'.length) });
        await migrateToLatest(seed);
        await installTeam(seed, connector.url);
        const workers = 4;
        const env = { ...FAST_OUTBOX_ENV, DATABASE_URL: databaseUrl, OUTBOX_WORKERS: String(workers) };

        const first = startChild({ ...env, MODE: 'ingest', COUNT: '300', INGEST_INTERVAL_MS: '10' });
        children.push(first);
        await first.ready;
        await eventually(() => first.acks.length >= 60 && connector.sent().length >= 20, 'a burst under way');
        first.process.kill('SIGKILL');
        await first.exited;
        const acked = [...first.acks];
        assert.ok(acked.length < 300, 'killed mid-burst');

        const second = startChild(env);
        children.push(second);
        await second.ready;
        await eventually(() => allDone(seed), 'every job done after restart', 60000);
        const texts = connector.sent().map((s) => s.activity.text);
        const duplicates: string[] = [];
        for (const eventId of acked) {
            const n = texts.filter((t) => t === eventId).length;
            assert.ok(n >= 1, `${eventId} was acknowledged and must be delivered`);
            if (n > 1) duplicates.push(eventId);
        }
        // Only requests in flight at the kill may be repeated.
        assert.ok(duplicates.length <= workers, `duplicates: ${duplicates.join(', ')}`);
        await seed.close();
    });
});
