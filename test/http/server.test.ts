import assert from 'node:assert/strict';
import { request } from 'node:http';
import { enqueueJobs } from '../../src/outbox/job-store';
import { post } from '../helpers/post';
import { startTestApp, type TestApp } from '../helpers/start-app';

describe('HTTP server', () => {
    let app: TestApp;
    before(async () => {
        app = await startTestApp({ BODY_LIMIT_BYTES: '2048' });
    });
    after(async () => {
        await app.stop();
    });

    it('answers /healthz and /readyz', async () => {
        const health = await fetch(`${app.url}/healthz`);
        assert.equal(health.status, 200);
        const ready = await fetch(`${app.url}/readyz`);
        assert.equal(ready.status, 200);
        assert.deepEqual(await ready.json(), { status: 'ready', database: 'sqlite' });
    });

    it('exposes Prometheus metrics with requests by route and status, and process metrics', async () => {
        await fetch(`${app.url}/healthz`);
        const res = await fetch(`${app.url}/metrics`);
        assert.equal(res.status, 200);
        assert.match(res.headers.get('content-type') ?? '', /text\/plain/);
        const text = await res.text();
        assert.match(text, /deskbridge_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
        assert.match(text, /deskbridge_http_request_duration_seconds_bucket/);
        assert.match(text, /process_resident_memory_bytes/);
    });

    it('refuses a malformed activity with a JSON 400', async () => {
        const notJson = await post(`${app.url}/api/messages`, '{"type": ');
        assert.equal(notJson.status, 400);
        assert.equal((notJson.body as { error: { code: string } }).error.code, 'malformed_request');
        const noType = await post(`${app.url}/api/messages`, { text: 'hi' });
        assert.equal(noType.status, 400);
        const fields = (noType.body as { error: { details: Array<{ field: string }> } }).error.details.map((d) => d.field);
        assert.deepEqual(fields, ['type', 'serviceUrl', 'conversation', 'from', 'recipient']);
    });

    it('refuses a body that is not JSON with 415', async () => {
        const res = await post(`${app.url}/api/messages`, 'type=message', { 'content-type': 'text/plain' });
        assert.equal(res.status, 415);
        assert.equal((res.body as { error: { code: string } }).error.code, 'unsupported_media_type');
    });

    it('refuses an oversized body with 413, declared or streamed', async () => {
        const declared = await post(`${app.url}/api/messages`, { type: 'message', text: 'x'.repeat(4096) });
        assert.equal(declared.status, 413);
        assert.equal((declared.body as { error: { code: string } }).error.code, 'payload_too_large');
        const streamed = await new Promise<number>((resolve, reject) => {
            const req = request(`${app.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
                res.resume();
                resolve(res.statusCode ?? 0);
            });
            req.on('error', reject);
            for (let i = 0; i < 5; i++) req.write('x'.repeat(1024));
            req.end();
        });
        assert.equal(streamed, 413);
    });

    it('answers unknown routes with the JSON error shape', async () => {
        const res = await fetch(`${app.url}/nope`);
        assert.equal(res.status, 404);
        assert.deepEqual(Object.keys(((await res.json()) as { error: object }).error).sort(), ['code', 'message']);
    });
});

describe('HTTP server shutdown', () => {
    it('stops accepting requests once stopped', async () => {
        const app = await startTestApp();
        await app.stop();
        await assert.rejects(fetch(`${app.url}/healthz`));
    });
});

describe('per-IP limit on webhook endpoints', function () {
    this.timeout(20000);

    it('answers 429 with Retry-After past the limit, per caller, and leaves other paths alone', async () => {
        const app = await startTestApp({ WEBHOOK_RATE_LIMIT_PER_MINUTE: '3', TRUST_PROXY: 'true', INTERCOM_CLIENT_SECRET: 'x' });
        try {
            const hit = (ip: string) => fetch(`${app.url}/api/webhooks/intercom`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': `${ip}:51000, 10.0.0.1` }, body: '{}' });
            const statuses = [];
            for (let i = 0; i < 4; i++) statuses.push((await hit('203.0.113.7')).status);
            assert.deepEqual(statuses, [401, 401, 401, 429]);
            const limited = await hit('203.0.113.7');
            assert.ok(Number(limited.headers.get('retry-after')) >= 1);
            assert.deepEqual(((await limited.json()) as { error: { code: string } }).error.code, 'rate_limited');
            assert.equal((await hit('198.51.100.2')).status, 401, 'another caller has its own count');
            assert.equal((await fetch(`${app.url}/healthz`)).status, 200, 'health checks are not limited');
        } finally {
            await app.stop();
        }
    });
});

describe('queue metrics', () => {
    it('shows a waiting backlog on /metrics: jobs by status and the age of the oldest due job', async () => {
        // No worker: what is enqueued stays waiting, as during an outage.
        const app = await startTestApp({ RUN_WORKER: 'false' });
        try {
            const now = Date.now();
            // Scheduled for later, and the oldest: counted, but nobody is waiting for it yet.
            await enqueueJobs(app.repos.db.kysely, [{ kind: 'teams.reply', payload: {}, orderingKey: 'c', runAt: now + 3_600_000 }], now - 200_000);
            await enqueueJobs(app.repos.db.kysely, [{ kind: 'teams.reply', payload: {}, orderingKey: 'a' }], now - 90_000);
            await enqueueJobs(app.repos.db.kysely, [{ kind: 'teams.reply', payload: {}, orderingKey: 'b' }], now - 10_000);
            const text = await (await fetch(`${app.url}/metrics`)).text();
            assert.match(text, /deskbridge_outbox_jobs\{status="pending"\} 3/);
            const age = Number(/^deskbridge_outbox_oldest_pending_age_seconds (\S+)$/m.exec(text)?.[1]);
            assert.ok(age >= 90 && age < 120, `oldest due job waited ${age} s`);
        } finally {
            await app.stop();
        }
    });
});
