import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { Registry } from 'prom-client';
import { z } from 'zod/v4';
import { loadConfig } from '../../src/config';
import { cancelWithJob } from '../../src/lib/job-signal';
import { createLogger } from '../../src/lib/logger';
import { defineJobHandler } from '../../src/outbox/job-handler';
import { createOutbox, type Outbox } from '../../src/outbox/index';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';

describe('a job that outlives its timeout', function () {
    this.timeout(20_000);
    let database: TestDatabase;
    let outbox: Outbox;
    let slow: Server;
    let requestClosedEarly: Promise<boolean>;

    beforeEach(async () => {
        database = await createTestDatabase('sqlite');
        // A peer that answers after 3 s; it records whether the client hung up before that.
        let settle: (v: boolean) => void = () => undefined;
        requestClosedEarly = new Promise((resolve) => (settle = resolve));
        slow = createServer((_req, res) => {
            const timer = setTimeout(() => (res.end('{}'), settle(false)), 3_000);
            res.on('close', () => {
                if (!res.writableEnded) {
                    clearTimeout(timer);
                    settle(true);
                }
            });
        });
        await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
        const config = loadConfig({ OUTBOX_JOB_TIMEOUT_MS: '200', OUTBOX_POLL_MS: '50', OUTBOX_RETRY_BASE_MS: '60000', LOG_LEVEL: 'silent' });
        outbox = createOutbox({ config, db: database.db, registry: new Registry(), logger: createLogger('silent') });
    });
    afterEach(async () => {
        await outbox.stop();
        await new Promise<void>((resolve) => slow.close(() => resolve()));
        await database.dispose();
    });

    it('is cancelled at the timeout: its request ends, it queues nothing more, and it is retried later', async () => {
        const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/send`;
        const http = cancelWithJob(axios.create({ timeout: 10_000 }));
        let signalAborted = false;
        outbox.handlers.register(
            defineJobHandler({
                kind: 'test.slow_send',
                peer: 'slowpeer',
                payload: z.object({}),
                async run(_p, context) {
                    try {
                        await http.post(url, {});
                    } finally {
                        signalAborted = context.signal.aborted;
                    }
                    await context.enqueue([{ kind: 'test.after_send', payload: {}, orderingKey: 'after' }]);
                }
            })
        );
        await outbox.enqueue([{ kind: 'test.slow_send', payload: {}, orderingKey: 'slow' }]);
        await outbox.start();
        assert.equal(await requestClosedEarly, true, 'the request to the peer was cancelled before it answered');
        const db = database.db.kysely;
        let job;
        for (let i = 0; i < 100; i++) {
            job = await db.selectFrom('outbox_jobs').selectAll().where('kind', '=', 'test.slow_send').executeTakeFirst();
            if (job && job.status === 'pending' && job.attempts > 0) break;
            await new Promise((r) => setTimeout(r, 50));
        }
        assert.equal(job?.status, 'pending', 'scheduled for a retry');
        assert.match(String(job?.last_error), /slowpeer did not answer within 200 ms/);
        assert.equal(signalAborted, true, 'the handler saw its signal fired');
        const after = await db.selectFrom('outbox_jobs').select('id').where('kind', '=', 'test.after_send').execute();
        assert.equal(after.length, 0, 'nothing was queued after the timeout');
    });

    it('queues nothing after the timeout even when the handler does not listen to its signal', async () => {
        let finished = false;
        outbox.handlers.register(
            defineJobHandler({
                kind: 'test.deaf_send',
                peer: 'deafpeer',
                payload: z.object({}),
                async run(_p, context) {
                    // Ignores the signal: keeps going well past the 200 ms timeout, then queues.
                    await new Promise((resolve) => setTimeout(resolve, 600));
                    try {
                        await context.enqueue([{ kind: 'test.after_deaf', payload: {}, orderingKey: 'after' }]);
                    } finally {
                        finished = true;
                    }
                }
            })
        );
        await outbox.enqueue([{ kind: 'test.deaf_send', payload: {}, orderingKey: 'deaf' }]);
        await outbox.start();
        for (let i = 0; i < 100 && !finished; i++) await new Promise((r) => setTimeout(r, 20));
        assert.equal(finished, true, 'the handler ran to its end');
        const db = database.db.kysely;
        const after = await db.selectFrom('outbox_jobs').select('id').where('kind', '=', 'test.after_deaf').execute();
        assert.equal(after.length, 0, 'its late follow-up was refused');
        const job = await db.selectFrom('outbox_jobs').selectAll().where('kind', '=', 'test.deaf_send').executeTakeFirst();
        assert.equal(job?.status, 'pending', 'and the job waits for its retry');
        assert.match(String(job?.last_error), /deafpeer did not answer within 200 ms/);
    });
});

