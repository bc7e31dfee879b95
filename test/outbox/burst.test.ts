import assert from 'node:assert/strict';
import { Registry } from 'prom-client';
import { z } from 'zod/v4';
import { loadConfig } from '../../src/config';
import { createLogger } from '../../src/lib/logger';
import { CircuitBreakers } from '../../src/outbox/circuit-breakers';
import { IngestLoad } from '../../src/outbox/ingest-load';
import { createOutbox, type Outbox } from '../../src/outbox/index';
import { defineJobHandler, JobHandlers } from '../../src/outbox/job-handler';
import { enqueueJobs, queueStats } from '../../src/outbox/job-store';
import { createOutboxMetrics } from '../../src/outbox/outbox-metrics';
import { MemoryRateLimiter } from '../../src/outbox/rate-limits';
import { OutboxWorker } from '../../src/outbox/worker';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';

describe('the ingest load: when webhooks arrive in a burst', () => {
    it('is a burst from 100 deliveries a second over the last tenth of a second, and forgets it soon after', () => {
        const load = new IngestLoad();
        const t = 1_000_000;
        for (let i = 0; i < 9; i++) load.record(1, t + i * 10);
        assert.equal(load.bursting(t + 90), false, '9 in 100 ms is 90 a second');
        load.record(1, t + 95);
        assert.equal(load.bursting(t + 96), true, '10 in 100 ms');
        assert.equal(load.bursting(t + 100), true, 'the tenth of a second that just ended counts in full');
        assert.equal(load.bursting(t + 150), false, 'half-way through the next, half of it counts: 50 a second');
        assert.equal(load.bursting(t + 250), false, 'over once the window has passed');
        assert.equal(load.bursting(t + 10_000), false, 'a long quiet forgets everything');
    });

    it('steady traffic at 20 deliveries a second never counts as a burst', () => {
        const load = new IngestLoad();
        const t = 2_000_000;
        for (let i = 0; i < 200; i++) {
            load.record(1, t + i * 50);
            assert.equal(load.bursting(t + i * 50), false, `delivery ${i}`);
        }
    });

    it('counts each item of a multi-item delivery', () => {
        const load = new IngestLoad();
        load.record(12, 3_000_000);
        assert.equal(load.bursting(3_000_001), true);
    });
});

describe('the worker during a burst of webhooks', function () {
    this.timeout(20_000);
    let database: TestDatabase;
    let worker: OutboxWorker | undefined;
    let outbox: Outbox | undefined;
    afterEach(async () => {
        await worker?.stop();
        await outbox?.stop();
        worker = outbox = undefined;
        await database.dispose();
    });

    /** A handler that takes 20 ms and records how many of its jobs ran at once. */
    function trackedHandler() {
        const seen = { running: 0, most: 0, done: 0 };
        const handler = defineJobHandler({
            kind: 'test.tracked',
            peer: 'test',
            payload: z.object({ n: z.number() }),
            async run() {
                seen.running += 1;
                seen.most = Math.max(seen.most, seen.running);
                await new Promise((resolve) => setTimeout(resolve, 20));
                seen.running -= 1;
                seen.done += 1;
            }
        });
        return { seen, handler };
    }
    const jobs = (from: number, count: number) => Array.from({ length: count }, (_, i) => ({ kind: 'test.tracked', payload: { n: from + i }, orderingKey: `key-${from + i}` }));
    async function until(done: () => boolean, what: string): Promise<void> {
        const deadline = Date.now() + 10_000;
        while (!done()) {
            if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
            await new Promise((resolve) => setTimeout(resolve, 10));
        }
    }

    it('runs one job at a time and pauses after each, still finishing the work; at full concurrency once it ends', async () => {
        database = await createTestDatabase('sqlite');
        const registry = new Registry();
        const metrics = createOutboxMetrics(registry, database.db.kysely);
        const handlers = new JobHandlers();
        const { seen, handler } = trackedHandler();
        handlers.register(handler);
        let bursting = true;
        worker = new OutboxWorker({
            db: database.db.kysely,
            dialect: 'sqlite',
            handlers,
            limiter: new MemoryRateLimiter(),
            breakers: new CircuitBreakers(),
            logger: createLogger('silent'),
            metrics,
            concurrency: 4,
            pollMs: 50,
            ingestLoad: { bursting: () => bursting }
        });
        await enqueueJobs(database.db.kysely, jobs(0, 6));
        worker.start();
        await until(() => seen.done === 6, 'the six jobs queued during the burst');
        assert.equal(seen.most, 1, 'one job at a time while the ingest is bursting');
        const paused = (await registry.getSingleMetric('deskbridge_outbox_burst_pause_seconds_total')!.get()).values[0]!.value;
        assert.ok(paused > 0, 'the pauses are counted');

        bursting = false;
        await enqueueJobs(database.db.kysely, jobs(6, 12));
        worker.notify();
        await until(() => seen.done === 18, 'the jobs queued after the burst');
        assert.equal(seen.most, 4, 'the configured four at once again');
    });

    it('during a burst new work is not lost: the worker looks for it every few ms instead of at each notice', async () => {
        database = await createTestDatabase('sqlite');
        const handlers = new JobHandlers();
        const { seen, handler } = trackedHandler();
        handlers.register(handler);
        // A minute between polls: a job that runs was found by the burst's own short looks.
        worker = new OutboxWorker({ db: database.db.kysely, dialect: 'sqlite', handlers, limiter: new MemoryRateLimiter(), breakers: new CircuitBreakers(), logger: createLogger('silent'), pollMs: 60_000, ingestLoad: { bursting: () => true } });
        worker.start();
        await new Promise((resolve) => setTimeout(resolve, 50));
        await enqueueJobs(database.db.kysely, jobs(0, 3));
        worker.notify();
        await until(() => seen.done === 3, 'the jobs queued while the worker slept');
    });

    it('an ingest burst through the outbox makes the worker pause, and every delivery is still relayed', async () => {
        database = await createTestDatabase('sqlite');
        const registry = new Registry();
        outbox = createOutbox({ config: loadConfig({ LOG_LEVEL: 'silent', OUTBOX_POLL_MS: '50' }), db: database.db, registry, logger: createLogger('silent') });
        const { seen, handler } = trackedHandler();
        outbox.handlers.register(handler);
        await outbox.start();
        // 40 deliveries at once: 400 a second over the first tenth of a second.
        await Promise.all(jobs(0, 40).map((job, i) => outbox!.ingest({ source: 'test', eventId: `e${i}`, payload: {} }, [job])));
        await until(() => seen.done === 40, 'the 40 jobs');
        const paused = (await registry.getSingleMetric('deskbridge_outbox_burst_pause_seconds_total')!.get()).values[0]!.value;
        assert.ok(paused > 0, 'the worker paused during the burst');
        assert.equal((await queueStats(database.db.kysely)).counts.pending, 0);
    });
});
