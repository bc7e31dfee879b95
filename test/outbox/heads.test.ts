import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { z } from 'zod/v4';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/lib/logger';
import { defineJobHandler } from '../../src/outbox/job-handler';
import { createOutbox, type Outbox } from '../../src/outbox/index';
import { cancelPendingJobs, claimJobs, enqueueJobs, getJob, markDead, markDone, nextRunAt, replayDeadLetters, reschedule } from '../../src/outbox/job-store';
import { sqliteJobStatements } from '../../src/outbox/sqlite-job-statements';
import { ENGINES, createTestDatabase, type TestDatabase } from '../helpers/databases';

/** Heads: the one job per ordering key that may run. Every key with waiting jobs must have one. */
for (const engine of ENGINES) {
    describe(`outbox heads (${engine})`, () => {
        let tdb: TestDatabase;
        beforeEach(async () => {
            tdb = await createTestDatabase(engine);
        });
        afterEach(async () => {
            await tdb.dispose();
        });
        const db = () => tdb.db.kysely;
        const job = (key: string, n: number, extra: object = {}) => ({ kind: 'test', payload: { n }, orderingKey: key, ...extra });
        const claimed = async (worker = 'w') => (await claimJobs(db(), tdb.db.dialect, worker, 100, 60_000)).map((j) => `${j.orderingKey}${JSON.parse(j.payload).n}`);
        /** Keys with a pending or running job but no head: their jobs would never run. */
        const orphanKeys = async () =>
            (
                await db()
                    .selectFrom('outbox_jobs')
                    .select('ordering_key')
                    .where('status', 'in', ['pending', 'running'])
                    .groupBy('ordering_key')
                    .having((eb) => eb.fn.sum<number>('head'), '=', 0)
                    .execute()
            ).map((r) => r.ordering_key);

        it('a dead letter, a cancelled head and a replay each hand the key on in order', async () => {
            await enqueueJobs(db(), [job('a', 1), job('a', 2), job('a', 3), job('b', 1, { dedupeKey: 'remind:b1' }), job('b', 2)]);
            const [a1, b1] = await claimJobs(db(), tdb.db.dialect, 'w', 100, 60_000);
            assert.equal(`${a1!.orderingKey}${JSON.parse(a1!.payload).n}`, 'a1');
            await markDead(db(), a1!, 'w', 'permanent');
            // b1 was claimed: put it back pending, then cancel it as a reminder no longer needed.
            await reschedule(db(), b1!, 'w', Date.now(), null, false);
            assert.equal(await cancelPendingJobs(db(), 'remind:', 'answered'), 1);
            assert.deepEqual(await claimed(), ['a2', 'b2'], 'the next job of each key runs');
            assert.deepEqual(await orphanKeys(), []);
            const [dead] = await db().selectFrom('outbox_jobs').select('id').where('status', '=', 'dead').execute();
            await replayDeadLetters(db(), { id: Number(dead!.id) });
            assert.deepEqual(await claimed(), [], 'a replayed job waits for the running head of its key');
            const running = await claimJobs(db(), tdb.db.dialect, 'x', 100, 60_000);
            assert.deepEqual(running, []);
            const a2 = await db().selectFrom('outbox_jobs').select('id').where('status', '=', 'running').where('ordering_key', '=', 'a').executeTakeFirstOrThrow();
            await markDone(db(), (await getJob(db(), Number(a2.id)))!, 'w');
            assert.deepEqual(await claimed(), ['a1'], 'then the replayed (older) job runs before a3');
            assert.deepEqual(await orphanKeys(), []);
        });

        it('tells when the next waiting job can run, whatever is held behind it', async () => {
            const now = Date.now();
            assert.equal(await nextRunAt(db()), undefined, 'nothing queued');
            await enqueueJobs(db(), [job('a', 1, { runAt: now + 5000 }), job('a', 2), job('b', 1, { runAt: now + 9000 })], now);
            assert.equal(await nextRunAt(db()), now + 5000, 'a2 waits behind a1, so it does not count');
        });

        if (engine === 'sqlite') {
            it('the worker\'s prepared SQLite statements keep the same order: heads only, a deferred head holds its key, done hands on', async () => {
                const statements = sqliteJobStatements(tdb.db, tdb.db.sqlite!);
                await enqueueJobs(db(), [job('a', 1), job('a', 2), job('b', 1), job('b', 2)]);
                const first = await statements.claim('w', 100, 60_000);
                assert.deepEqual(first.map((j) => `${j.orderingKey}${JSON.parse(j.payload).n}`), ['a1', 'b1']);
                const [a1, b1] = first;
                await statements.reschedule(b1!, 'w', Date.now() + 60_000, null, false);
                assert.equal((await getJob(db(), b1!.id))?.attempts, 0, 'a deferral gives its attempt back');
                await statements.done(a1!, 'w');
                assert.deepEqual((await statements.claim('w', 100, 60_000)).map((j) => `${j.orderingKey}${JSON.parse(j.payload).n}`), ['a2'], 'b2 waits behind the deferred b1');
                assert.deepEqual(await orphanKeys(), []);
            });
        }

        if (engine === 'postgres') {
            it('keeps one head per key when many transactions enqueue and finish at once', async () => {
                // Ten keys: each gets its first job from 8 concurrent transactions, while heads finish.
                const keys = Array.from({ length: 10 }, (_, i) => `k${i}`);
                await Promise.all(keys.flatMap((key) => Array.from({ length: 8 }, (_, n) => enqueueJobs(db(), [job(key, n)]))));
                const heads = await db().selectFrom('outbox_jobs').select('ordering_key').where('head', '=', 1).execute();
                assert.equal(heads.length, 10, 'one head per key');
                for (let round = 0; round < 5; round++) {
                    const running = await claimJobs(db(), tdb.db.dialect, 'w', 100, 60_000);
                    await Promise.all([...running.map((j) => markDone(db(), j, 'w')), ...keys.map((key) => enqueueJobs(db(), [job(key, 100 + round)]))]);
                    assert.deepEqual(await orphanKeys(), [], `round ${round}: every key with waiting jobs has its head`);
                }
            });
        }
    });
}

describe('the outbox worker under backpressure', function () {
    this.timeout(20_000);
    let database: TestDatabase;
    let outbox: Outbox;
    afterEach(async () => {
        await outbox.stop();
        await database.dispose();
    });

    it('sleeps until the earliest waiting job can run, not until the next poll, and is woken by new work', async () => {
        database = await createTestDatabase('sqlite');
        // A minute between polls: anything that runs sooner was scheduled, or woke the worker.
        const config = loadConfig({ OUTBOX_POLL_MS: '60000', LOG_LEVEL: 'silent' });
        outbox = createOutbox({ config, db: database.db, registry: new Registry(), logger: createLogger('silent') });
        const ranAt = new Map<string, number>();
        outbox.handlers.register(
            defineJobHandler({
                kind: 'test.mark',
                peer: 'test',
                payload: z.object({ name: z.string() }),
                async run(p) {
                    ranAt.set(p.name, Date.now());
                }
            })
        );
        await outbox.start();
        const start = Date.now();
        await outbox.enqueue([{ kind: 'test.mark', payload: { name: 'later' }, orderingKey: 'a', runAt: start + 700 }]);
        await outbox.enqueue([{ kind: 'test.mark', payload: { name: 'now' }, orderingKey: 'b' }]);
        const deadline = Date.now() + 5000;
        while (ranAt.size < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        assert.ok(ranAt.get('now')! - start < 500, 'new due work runs at once');
        const later = ranAt.get('later');
        assert.ok(later !== undefined && later >= start + 700 && later < start + 2000, `the scheduled job ran at +${later === undefined ? 'never' : later - start} ms`);
    });
});
