import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { ingestDelivery } from '../../src/outbox/ingest';
import { claimJobs, enqueueJobs, getJob, listDeadLetters, markDead, markDone, pruneHistory, queueStats, replayDeadLetters, reschedule } from '../../src/outbox/job-store';
import { reclaimFreePages } from '../../src/store/reclaim-space';
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

        it('prunes in small batches: every old row goes, a delivery of a thread keeps its id, recent rows stay', async () => {
            const old = Date.now() - 40 * 86_400_000;
            await tdb.db.kysely.insertInto('threads').values({ thread_key: 'intercom:kept', conversation_id: 'c', root_activity_id: 'r', team_id: 't', channel_id: 'ch', service_url: 'https://smba.example', tenant_id: 'x', created_at: old }).execute();
            for (let i = 0; i < 7; i++) await ingestDelivery(db(), { source: 'intercom', eventId: `old-${i}`, payload: { i }, subject: i === 3 ? 'intercom:kept' : `intercom:gone-${i}` }, [job(`k${i}`, i)], old);
            await ingestDelivery(db(), { source: 'intercom', eventId: 'recent', payload: {} }, []);
            for (const j of await claimJobs(db(), tdb.db.dialect, 'w', 10, 60_000)) await markDone(db(), j, 'w', old);
            const pruned = await pruneHistory(db(), { doneJobsMs: 7 * 86_400_000, inboxMs: 30 * 86_400_000 }, Date.now(), { rows: 2, pauseMs: 0 });
            assert.deepEqual(pruned, { jobs: 7, inbox: 6 });
            const left = await db().selectFrom('inbox').select(['event_id', 'payload']).orderBy('id').execute();
            assert.deepEqual(left, [{ event_id: 'old-3', payload: '' }, { event_id: 'recent', payload: '{}' }]);
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

describe('space freed by the prune (SQLite)', () => {
    it('goes back to the disk on a file Deskbridge created', async () => {
        const tdb = await createTestDatabase('sqlite');
        try {
            const pragma = async (name: string) => Number(Object.values((await sql.raw(`pragma ${name}`).execute(tdb.db.kysely)).rows[0] as object)[0]);
            assert.equal(await pragma('auto_vacuum'), 2, 'incremental');
            const old = Date.now() - 40 * 86_400_000;
            const body = 'x'.repeat(4000);
            for (let i = 0; i < 300; i++) await ingestDelivery(tdb.db.kysely, { source: 'intercom', eventId: `e${i}`, payload: { body } }, [], old);
            const before = await pragma('page_count');
            await pruneHistory(tdb.db.kysely, { doneJobsMs: 86_400_000, inboxMs: 86_400_000 });
            assert.ok((await pragma('freelist_count')) > 200, 'the prune freed pages');
            assert.ok((await reclaimFreePages(tdb.db)) > 200);
            assert.equal(await pragma('freelist_count'), 0);
            assert.ok((await pragma('page_count')) < before - 200, 'the file shrank');
        } finally {
            await tdb.dispose();
        }
    });
});
