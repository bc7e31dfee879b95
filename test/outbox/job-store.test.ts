import assert from 'node:assert/strict';
import { ingestDelivery } from '../../src/outbox/ingest';
import { claimJobs, enqueueJobs, getJob, listDeadLetters, markDead, markDone, pruneHistory, queueStats, replayDeadLetters, reschedule } from '../../src/outbox/job-store';
import { ENGINES, createTestDatabase, type TestDatabase } from '../helpers/databases';

for (const engine of ENGINES) {
    describe(`outbox job store (${engine})`, () => {
        let tdb: TestDatabase;
        beforeEach(async () => {
            tdb = await createTestDatabase(engine);
        });
        afterEach(async () => {
            await tdb.dispose();
        });
        const db = () => tdb.db.kysely;
        const job = (key: string, n: number, extra: object = {}) => ({ kind: 'test', payload: { n }, orderingKey: key, ...extra });

        it('stores a delivery with its jobs once; a repeated delivery creates nothing', async () => {
            const delivery = { source: 'intercom', eventId: 'notif_1', topic: 'conversation.user.created', payload: { a: 1 } };
            assert.deepEqual(await ingestDelivery(db(), delivery, [job('k', 1), job('k', 2)]), { stored: true, jobs: 2 });
            assert.deepEqual(await ingestDelivery(db(), delivery, [job('k', 3)]), { stored: false, duplicate: true });
            assert.equal((await queueStats(db())).counts.pending, 2);
        });

        it('skips a job whose dedupe key exists', async () => {
            assert.equal(await enqueueJobs(db(), [job('k', 1, { dedupeKey: 'd1' }), job('k', 2, { dedupeKey: 'd1' }), job('k', 3)]), 2);
        });

        it('claims only the head of each key, in insertion order, and other keys in parallel', async () => {
            await enqueueJobs(db(), [job('a', 1), job('a', 2), job('b', 1), job('a', 3), job('b', 2)]);
            const first = await claimJobs(db(), tdb.db.dialect, 'w1', 10, 60_000);
            assert.deepEqual(first.map((j) => [j.orderingKey, JSON.parse(j.payload).n]), [['a', 1], ['b', 1]]);
            assert.deepEqual(await claimJobs(db(), tdb.db.dialect, 'w2', 10, 60_000), [], 'nothing while the heads run');
            await markDone(db(), first[0]!, 'w1');
            const next = await claimJobs(db(), tdb.db.dialect, 'w2', 10, 60_000);
            assert.deepEqual(next.map((j) => [j.orderingKey, JSON.parse(j.payload).n]), [['a', 2]]);
            assert.equal(next[0]!.attempts, 1);
        });

        it('holds back a key behind a job waiting for its retry', async () => {
            await enqueueJobs(db(), [job('a', 1), job('a', 2)]);
            const [head] = await claimJobs(db(), tdb.db.dialect, 'w1', 10, 60_000);
            await reschedule(db(), head!, 'w1', Date.now() + 60_000, 'boom', true);
            assert.deepEqual(await claimJobs(db(), tdb.db.dialect, 'w1', 10, 60_000), []);
            assert.equal((await getJob(db(), head!.id))?.lastError, 'boom');
        });

        it('reclaims a job whose worker died (lease expired), and ignores the dead worker afterwards', async () => {
            await enqueueJobs(db(), [job('a', 1)], Date.now() - 1000);
            const [leased] = await claimJobs(db(), tdb.db.dialect, 'dead-worker', 10, 1, Date.now() - 10);
            const [again] = await claimJobs(db(), tdb.db.dialect, 'w2', 10, 60_000);
            assert.equal(again?.id, leased!.id);
            assert.equal(again?.attempts, 2);
            await markDone(db(), leased!, 'dead-worker');
            assert.equal((await getJob(db(), leased!.id))?.status, 'running', 'a stale lease holder cannot complete it');
            await markDone(db(), again!, 'w2');
            assert.equal((await getJob(db(), leased!.id))?.status, 'done');
        });

        it('lists dead letters with their reason and replays one or all', async () => {
            await enqueueJobs(db(), [job('a', 1), job('b', 1)]);
            for (const j of await claimJobs(db(), tdb.db.dialect, 'w', 10, 60_000)) await markDead(db(), j, 'w', `failed ${j.orderingKey}`);
            const dead = await listDeadLetters(db());
            assert.deepEqual(dead.map((d) => d.lastError).sort(), ['failed a', 'failed b']);
            assert.deepEqual(await replayDeadLetters(db(), { id: dead[0]!.id }), [dead[0]!.id]);
            assert.equal((await listDeadLetters(db())).length, 1);
            assert.equal((await replayDeadLetters(db(), 'all')).length, 1);
            const replayed = await claimJobs(db(), tdb.db.dialect, 'w', 10, 60_000);
            assert.equal(replayed.length, 2);
            assert.ok(replayed.every((j) => j.attempts === 1));
        });

        it('prunes done jobs and inbox rows past their retention, keeping dead letters and pending jobs', async () => {
            const old = Date.now() - 10 * 86_400_000;
            await ingestDelivery(db(), { source: 'intercom', eventId: 'old', payload: {} }, [job('a', 1), job('b', 1), job('c', 1)], old);
            await ingestDelivery(db(), { source: 'intercom', eventId: 'new', payload: {} }, []);
            const [a, b] = await claimJobs(db(), tdb.db.dialect, 'w', 2, 60_000);
            await markDone(db(), a!, 'w', old);
            await markDead(db(), b!, 'w', 'kept', old);
            const pruned = await pruneHistory(db(), { doneJobsMs: 7 * 86_400_000, inboxMs: 5 * 86_400_000 });
            assert.deepEqual(pruned, { jobs: 1, inbox: 1 });
            assert.deepEqual((await queueStats(db())).counts, { pending: 1, running: 0, done: 0, dead: 1 });
        });

        it('reports counts and the age of the oldest due job', async () => {
            const now = Date.now();
            await enqueueJobs(db(), [job('a', 1)], now - 5000);
            await enqueueJobs(db(), [job('b', 1, { runAt: now + 60_000 })], now);
            const stats = await queueStats(db(), now);
            assert.equal(stats.counts.pending, 2);
            assert.ok(stats.oldestPendingAgeMs >= 5000 && stats.oldestPendingAgeMs < 6000);
        });
    });
}
