import assert from 'node:assert/strict';
import { retryDelay } from '../../src/outbox/backoff';
import { DeliveryError, classifyError, parseRetryAfter } from '../../src/lib/delivery-error';
import { MemoryRateLimiter, PostgresRateLimiter, TEAMS_CONVERSATION_LIMITS, type RateBucket, type RateLimiter } from '../../src/outbox/rate-limits';
import { createTestDatabase, type TestDatabase } from '../helpers/databases';

describe('retry timing', () => {
    it('grows exponentially with jitter, under the cap, and honours Retry-After', () => {
        const options = { baseMs: 1000, capMs: 60_000 };
        assert.equal(retryDelay(1, options, undefined, () => 1), 1000);
        assert.equal(retryDelay(1, options, undefined, () => 0), 500);
        assert.equal(retryDelay(4, options, undefined, () => 1), 8000);
        assert.equal(retryDelay(30, options, undefined, () => 1), 60_000);
        assert.equal(retryDelay(1, options, 20_000, () => 0), 20_000);
        assert.equal(retryDelay(1, options, 3_600_000, () => 0), 60_000);
    });

    it('reads Retry-After as seconds or as an HTTP date', () => {
        assert.equal(parseRetryAfter('3'), 3000);
        assert.equal(parseRetryAfter('1.5'), 1500);
        const now = Date.parse('2026-01-01T00:00:00Z');
        assert.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now), 10_000);
        assert.equal(parseRetryAfter('soon'), undefined);
        assert.equal(parseRetryAfter(undefined), undefined);
    });
});

describe('error classification', () => {
    const http = (status: number, retryAfter?: string) => Object.assign(new Error(`status ${status}`), { statusCode: status, response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } } });

    it('retries network errors, timeouts, 408, 412, 429 and 5xx; not other 4xx', () => {
        for (const status of [408, 412, 429, 500, 502, 503]) assert.equal(classifyError(http(status)).retryable, true, String(status));
        for (const status of [400, 401, 403, 404, 409, 410, 422]) assert.equal(classifyError(http(status)).retryable, false, String(status));
        assert.equal(classifyError(Object.assign(new Error('reset'), { code: 'ECONNRESET' })).retryable, true);
        assert.equal(classifyError(Object.assign(new Error('t'), { name: 'TimeoutError' })).retryable, true);
    });

    it('keeps the status and the Retry-After of the answer, from axios-style errors too', () => {
        const e = classifyError(http(429, '7'), 'teams');
        assert.equal(e.status, 429);
        assert.equal(e.retryAfterMs, 7000);
        const axiosLike = Object.assign(new Error('x'), { response: { status: 503, headers: { 'retry-after': '2' } } });
        assert.equal(classifyError(axiosLike).retryAfterMs, 2000);
        const own = new DeliveryError('nope', false);
        assert.equal(classifyError(own), own);
    });
});

/** Reserves and ends a send at `at` (a request that took no time); returns the wait (0 when admitted). */
async function send(limiter: RateLimiter, buckets: RateBucket[], at: number): Promise<number> {
    const { wait, reservation } = await limiter.tryAcquire(buckets, at);
    await reservation?.release(at);
    return wait;
}

async function checkLimiter(limiter: RateLimiter) {
    const buckets = [{ key: 'conv-a', limits: TEAMS_CONVERSATION_LIMITS }];
    const t0 = 1_000_000;
    for (let i = 0; i < 7; i++) assert.equal(await send(limiter, buckets, t0 + i), 0, `send ${i}`);
    const wait = await send(limiter, buckets, t0 + 10);
    assert.ok(wait > 0 && wait <= 1000, `8th send within 1 s waits (${wait})`);
    assert.equal(await send(limiter, buckets, t0 + 10 + wait), 0, 'then it fits');
    // 8 in 2 s: the 9th waits for the 2-second window even though the 1-second one is free.
    assert.ok((await send(limiter, buckets, t0 + 1500)) > 0, 'ninth send within 2 s waits');
    // Another key is not affected; a reservation over two buckets is all-or-nothing.
    assert.equal(await send(limiter, [{ key: 'conv-b', limits: TEAMS_CONVERSATION_LIMITS }], t0 + 20), 0);
    const both = [{ key: 'conv-c', limits: TEAMS_CONVERSATION_LIMITS }, ...buckets];
    assert.ok((await send(limiter, both, t0 + 1500)) > 0);
    assert.equal(await send(limiter, [{ key: 'conv-c', limits: [{ max: 1, windowMs: 1000 }] }], t0 + 1500), 0, 'conv-c was not charged by the refused reservation');
}

/** A send in flight counts in every window until it ends, then by its end time. */
async function checkInFlight(limiter: RateLimiter) {
    const buckets = [{ key: 'slow', limits: [{ max: 1, windowMs: 1000 }] }];
    const t0 = 2_000_000;
    const first = await limiter.tryAcquire(buckets, t0);
    assert.equal(first.wait, 0);
    const during = await limiter.tryAcquire(buckets, t0 + 5000);
    assert.ok(during.wait > 0 && during.wait <= 50, 'a long request still blocks, and is re-checked soon');
    await first.reservation!.release(t0 + 5000);
    assert.ok((await limiter.tryAcquire(buckets, t0 + 5500)).wait > 0, 'it counts from its end');
    assert.equal(await send(limiter, buckets, t0 + 6001), 0);
}

describe('rate limiters', () => {
    it('memory: counts every window and says how long to wait', async () => {
        await checkLimiter(new MemoryRateLimiter());
        await checkInFlight(new MemoryRateLimiter());
    });

    describe('postgres', () => {
        let tdb: TestDatabase;
        before(async () => {
            tdb = await createTestDatabase('postgres');
        });
        after(async () => {
            await tdb.dispose();
        });
        it('shares the count in the database', async () => {
            await checkLimiter(new PostgresRateLimiter(tdb.db.kysely));
            await checkInFlight(new PostgresRateLimiter(tdb.db.kysely));
        });
        it('never admits more than the limit to concurrent reservations from two instances', async () => {
            const a = new PostgresRateLimiter(tdb.db.kysely);
            const b = new PostgresRateLimiter((await tdb.reopen()).kysely);
            const buckets = [{ key: 'tenant-x', limits: [{ max: 30, windowMs: 1000 }] }];
            const now = 5_000_000;
            const results = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? a : b).tryAcquire(buckets, now)));
            assert.equal(results.filter((r) => r.wait === 0).length, 30);
        });
    });
});
