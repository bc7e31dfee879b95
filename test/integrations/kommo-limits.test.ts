import assert from 'node:assert/strict';
import { KOMMO_REQUEST_LIMITS, KommoClient } from '../../src/integrations/kommo/client';
import { MemoryRateLimiter, requestGate } from '../../src/outbox/rate-limits';
import { HttpPeer } from '../helpers/http-peer';
import { windowViolations } from '../helpers/rate-windows';

/** Kommo: "not more than 7 requests per second" (developers.kommo.com, Limitations). */
describe('Kommo requests through one shared limiter', function () {
    this.timeout(20000);
    let kommo: HttpPeer;
    beforeEach(async () => {
        kommo = await new HttpPeer().start();
        kommo.on('GET', '/api/v4/contacts/:id', (_req, p) => ({ status: 200, body: { id: Number(p.id), name: 'Maria', custom_fields_values: [] } }));
        kommo.on('GET', '/api/v4/leads/:id', (_req, p) => ({ status: 200, body: { id: Number(p.id), responsible_user_id: 1 } }));
        kommo.on('GET', '/api/v4/users', () => ({ status: 200, body: { _embedded: { users: [] } } }));
    });
    afterEach(() => kommo.stop());

    const client = (limiter = new MemoryRateLimiter()) => new KommoClient({ baseUrl: kommo.url, accessToken: 't', gate: requestGate(limiter, { key: 'kommo-requests', limits: KOMMO_REQUEST_LIMITS }) });

    it('never sends more than 7 requests in any second, whatever mix of calls runs at once', async () => {
        // Two clients on one limiter stand for enrichment, hand-off lookups and identity commands in parallel.
        const limiter = new MemoryRateLimiter();
        const [a, b] = [client(limiter), client(limiter)];
        await Promise.all([
            ...Array.from({ length: 8 }, (_, i) => a.getContact(String(100 + i))),
            ...Array.from({ length: 8 }, (_, i) => b.getLead(String(200 + i))),
            ...Array.from({ length: 4 }, () => a.findUserByEmail('x@y.z'))
        ]);
        assert.equal(kommo.requests.length, 20);
        assert.deepEqual(windowViolations('kommo', kommo.requests.map((r) => r.at), KOMMO_REQUEST_LIMITS), []);
    });

    it('holds every request back for the Retry-After of a 429', async () => {
        const c = client();
        kommo.queueReplies({ status: 429, headers: { 'retry-after': '1' }, body: { title: 'Too Many Requests', detail: 'Rate limit exceeded' } });
        await assert.rejects(c.getContact('1'), (err: { retryable?: boolean; status?: number }) => err.retryable === true && err.status === 429);
        const refusedAt = Date.now();
        await c.getLead('2');
        assert.ok(Date.now() - refusedAt >= 900, `the next request waited ${Date.now() - refusedAt} ms`);
    });
});
