/**
 * `npm run bench`: measures the delivery engine on this machine and writes bench/results.json.
 *
 * 1. Ingest: signed Intercom deliveries at concurrency 32 against Deskbridge (SQLite, worker off,
 *    so only the ingress is measured) and against a bare restify handler that only answers 200
 *    (the baseline, same client, same bodies), and their ratio. Both are warmed up for 2 s, then
 *    measured in 3 alternating rounds of 5 s; the p99 reported is the worst round's.
 * 2. Relay: 20 deliveries/s spread over 20 conversations in 20 channels for 20 s; latency from
 *    posting the webhook to the fake Bot Connector receiving the reply.
 * 3. Teams throughput: a backlog of customer messages over 20 channels, sends delivered per
 *    second during 60 s against the 30/s tenant cap, with every window checked.
 * Peak RSS of the Deskbridge process is its kernel high-water mark (/proc/<pid>/status VmHWM).
 * Deskbridge runs as `npm start` runs it (`node <its flags> dist/index.js`) in a child process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { intercomSignature } from '../src/integrations/intercom/verify';
import { TEAMS_CONVERSATION_LIMITS, TEAMS_TENANT_LIMITS } from '../src/outbox/rate-limits';
import { migrateToLatest, openDatabase } from '../src/store/database';
import { createRepositories } from '../src/store/index';
import { FakeBotConnector } from '../test/helpers/fake-bot-connector';
import { windowViolations } from '../test/helpers/rate-windows';

const ROOT = join(__dirname, '..');
const SECRET = 'bench-secret';
const TEAM_ID = '19:bench-team@thread.tacv2';
const TENANT = 'bench-tenant';
const CHANNELS = Array.from({ length: 20 }, (_, i) => `19:bench-channel-${i}@thread.tacv2`);
const quick = process.argv.includes('--quick');
/** `--ingest-only` / `--flow-only`: one part alone (to profile it with BENCH_NODE_ARGS); no results file. */
const ingestOnly = process.argv.includes('--ingest-only');
const flowOnly = process.argv.includes('--flow-only');
/** Ingest: each server warmed up (JIT) for this long, then measured in alternating rounds. */
const INGEST_WARMUP_SECONDS = 2;
const INGEST_ROUNDS = quick ? 1 : 3;
const INGEST_ROUND_SECONDS = quick ? 3 : 5;
const RELAY_SECONDS = quick ? 5 : 20;
const BURST_SECONDS = quick ? 15 : 60;

const fixture = JSON.parse(readFileSync(join(ROOT, 'test', 'fixtures', 'intercom', 'conversation.user.replied.json'), 'utf8')) as {
    id: string;
    data: { item: { id: string; conversation_parts: { conversation_parts: Array<{ id: string; body: string }> } } };
};

let sequence = 0;
/** A customer message delivery for conversation `conv`, unique per call, with marker `m<n>`. */
function delivery(conv: number): { body: string; marker: string } {
    const n = sequence++;
    const marker = `m${n}`;
    const d = structuredClone(fixture);
    d.id = `notif_bench_${n}`;
    d.data.item.id = `bench-conv-${conv}`;
    d.data.item.conversation_parts.conversation_parts[0]!.id = `part-${n}`;
    d.data.item.conversation_parts.conversation_parts[0]!.body = `<p>${marker}</p>`;
    return { body: JSON.stringify(d), marker };
}

function percentile(values: number[], p: number): number {
    if (values.length === 0) return NaN;
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Child {
    process: ChildProcess;
    url: string;
    stop(): Promise<void>;
}

async function startChild(command: string[], env: Record<string, string>, portFrom: (line: string) => number | undefined): Promise<Child> {
    const child = spawn(process.execPath, command, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    const port = await new Promise<number>((resolve, reject) => {
        let buffer = '';
        child.stdout!.on('data', (chunk: Buffer) => {
            buffer += chunk.toString();
            for (const line of buffer.split('\n')) {
                const p = portFrom(line);
                if (p) resolve(p);
            }
        });
        child.once('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    // BENCH_CHILD_STDOUT=1 shows the measured process's output (e.g. with BENCH_NODE_ARGS=--trace-gc).
    if (process.env.BENCH_CHILD_STDOUT) child.stdout!.pipe(process.stderr);
    else child.stdout!.resume();
    return {
        process: child,
        url: `http://127.0.0.1:${port}`,
        stop: () =>
            new Promise<void>((resolve) => {
                child.once('exit', () => resolve());
                child.kill('SIGTERM');
            })
    };
}

/** The node flags of `npm start` (heap sizing among them): the bench measures what production runs. */
function startFlags(): string[] {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
    const words = pkg.scripts.start.split(/\s+/);
    if (words[0] !== 'node' || words.at(-1) !== 'dist/index.js') throw new Error(`unexpected start script: ${pkg.scripts.start}`);
    return words.slice(1, -1);
}

/** Deskbridge on a fresh SQLite file, seeded with an installed team and 20 conversation threads. */
async function startDeskbridge(connectorUrl: string, runWorker: boolean): Promise<Child> {
    const file = join(mkdtempSync(join(tmpdir(), 'deskbridge-bench-')), 'bench.db');
    const db = await openDatabase({ kind: 'sqlite', file });
    await migrateToLatest(db);
    const repos = createRepositories(db);
    const reference = { channelId: 'msteams', serviceUrl: connectorUrl, bot: { id: 'bench-bot' }, conversation: { id: TEAM_ID, isGroup: true, conversationType: 'channel', tenantId: TENANT } };
    await repos.teams.saveInstallation({ teamId: TEAM_ID, tenantId: TENANT, name: 'Bench', aadGroupId: null, serviceUrl: connectorUrl, reference });
    await repos.bindings.bind({ stream: 'intercom', teamId: TEAM_ID, channelId: CHANNELS[0]!, channelName: 'bench', boundById: null, boundByName: null });
    for (const [i, channelId] of CHANNELS.entries()) {
        await repos.threads.save(`intercom:bench-conv-${i}`, { conversationId: `${channelId};messageid=root-${i}`, rootActivityId: `root-${i}`, teamId: TEAM_ID, channelId, serviceUrl: connectorUrl, tenantId: TENANT });
    }
    await db.close();
    return startChild(
        // BENCH_NODE_ARGS: extra node flags for the Deskbridge process only (e.g. `--cpu-prof`).
        [...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean), ...startFlags(), join(ROOT, 'dist', 'index.js')],
        { PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `sqlite:${file}`, INTERCOM_CLIENT_SECRET: SECRET, LOG_LEVEL: 'info', RUN_WORKER: String(runWorker), OUTBOX_POLL_MS: '200', WEBHOOK_RATE_LIMIT_PER_MINUTE: '1000000' },
        (line) => {
            const m = /"port":(\d+)/.exec(line);
            return m ? Number(m[1]) : undefined;
        }
    );
}

/**
 * Peak resident memory of a Deskbridge child: the kernel's high-water mark (`VmHWM` in
 * /proc/<pid>/status), read once before the child stops. Exact, and nothing is asked of the
 * process while it is measured. Without /proc (not Linux), /metrics is sampled every 500 ms.
 */
function watchRss(child: Child): { peak: () => number; stop: () => void } {
    const status = `/proc/${child.process.pid}/status`;
    if (existsSync(status)) {
        let peak = 0;
        const read = () => {
            const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(status, 'utf8'));
            if (m) peak = Math.max(peak, Number(m[1]) * 1024);
        };
        return { peak: () => peak, stop: read };
    }
    let peak = 0;
    const timer = setInterval(() => {
        void fetch(`${child.url}/metrics`)
            .then((r) => r.text())
            .then((text) => {
                const m = /^process_resident_memory_bytes (\d+)/m.exec(text);
                if (m) peak = Math.max(peak, Number(m[1]));
            })
            .catch(() => undefined);
    }, 500);
    return { peak: () => peak, stop: () => clearInterval(timer) };
}

interface LoadResult {
    requests: number;
    seconds: number;
    p50: number;
    p99: number;
    non2xx: number;
    errors: number;
}

async function load(url: string, seconds: number): Promise<LoadResult> {
    const result = await autocannon({
        url: `${url}/api/webhooks/intercom`,
        connections: 32,
        duration: seconds,
        requests: [
            {
                method: 'POST',
                setupRequest: (req) => {
                    const { body } = delivery(sequence % 1000);
                    return { ...req, body, headers: { 'content-type': 'application/json', 'x-hub-signature': intercomSignature(Buffer.from(body), SECRET) } };
                }
            }
        ]
    });
    return { requests: result.requests.total, seconds: result.duration, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx, errors: result.errors };
}

/** Rounds of one server together: throughput over all of them, the median p50 and the worst p99. */
function combine(rounds: LoadResult[]): { rps: number; p50: number; p99: number; rounds: LoadResult[] } {
    const requests = rounds.reduce((n, r) => n + r.requests, 0);
    const seconds = rounds.reduce((n, r) => n + r.seconds, 0);
    return { rps: requests / seconds, p50: percentile(rounds.map((r) => r.p50), 50), p99: Math.max(...rounds.map((r) => r.p99)), rounds };
}

async function ingest() {
    const bare = await startChild([join(ROOT, 'bench', 'bare-restify.mjs')], {}, (line) => (/^port (\d+)/.exec(line) ? Number(/^port (\d+)/.exec(line)![1]) : undefined));
    const connector = await new FakeBotConnector().start();
    const app = await startDeskbridge(connector.url, false);
    const rss = watchRss(app);
    await load(bare.url, INGEST_WARMUP_SECONDS);
    await load(app.url, INGEST_WARMUP_SECONDS);
    // Alternating rounds: a change in the shared machine's speed affects both servers alike.
    const bareRounds: LoadResult[] = [];
    const deskbridgeRounds: LoadResult[] = [];
    for (let round = 0; round < INGEST_ROUNDS; round++) {
        bareRounds.push(await load(bare.url, INGEST_ROUND_SECONDS));
        deskbridgeRounds.push(await load(app.url, INGEST_ROUND_SECONDS));
    }
    rss.stop();
    await bare.stop();
    await app.stop();
    await connector.stop();
    // Only acknowledged deliveries count: any other answer would flatter the throughput.
    const refused = deskbridgeRounds.reduce((n, r) => n + r.non2xx + r.errors, 0);
    if (refused > 0) throw new Error(`ingest bench: ${refused} deliveries were not acknowledged with 200`);
    const baseline = combine(bareRounds);
    const deskbridge = combine(deskbridgeRounds);
    return { baseline, deskbridge, ratio: deskbridge.rps / baseline.rps, peakRssBytes: rss.peak() };
}

async function relayAndThroughput() {
    const connector = await new FakeBotConnector().start();
    const app = await startDeskbridge(connector.url, true);
    const rss = watchRss(app);
    const post = async (conv: number) => {
        const { body, marker } = delivery(conv);
        const sentAt = Date.now();
        const res = await fetch(`${app.url}/api/webhooks/intercom`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature': intercomSignature(Buffer.from(body), SECRET) }, body });
        if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
        return { marker, sentAt };
    };
    const arrivalOf = (marker: string) => connector.requests.find((r) => r.method === 'POST' && r.rawBody.includes(`> ${marker}"`))?.at;

    // The 20 conversations exist first (as after their `user.created`): the relay measures the
    // messages of ongoing conversations; a thread's first post carries its card and history.
    const opened = await Promise.all(Array.from({ length: 20 }, (_, conv) => post(conv)));
    const warmDeadline = Date.now() + 15000;
    while (opened.some((s) => arrivalOf(s.marker) === undefined) && Date.now() < warmDeadline) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 2000));

    // Relay: 20 events/s, round-robin over the 20 conversations (1 event/s each).
    const relaySent: Array<{ marker: string; sentAt: number }> = [];
    const relayStart = Date.now();
    for (let i = 0; i < RELAY_SECONDS * 20; i++) {
        const due = relayStart + i * 50;
        await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
        relaySent.push(await post(i % 20));
    }
    const deadline = Date.now() + 15000;
    while (relaySent.some((s) => arrivalOf(s.marker) === undefined) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const latencies = relaySent.map((s) => (arrivalOf(s.marker) ?? NaN) - s.sentAt).filter((n) => !Number.isNaN(n));

    // Throughput: a backlog far over the cap, delivered during BURST_SECONDS.
    await new Promise((r) => setTimeout(r, 3000));
    const before = connector.requests.length;
    const backlog = BURST_SECONDS * 40;
    for (let i = 0; i < backlog; i += 16) await Promise.all(Array.from({ length: Math.min(16, backlog - i) }, (_, k) => post((i + k) % 20)));
    const burstStart = connector.requests[before]?.at ?? Date.now();
    await new Promise((r) => setTimeout(r, Math.max(0, burstStart + BURST_SECONDS * 1000 - Date.now())));
    const sends = connector.requests.slice(before).filter((r) => r.method === 'POST' && r.at < burstStart + BURST_SECONDS * 1000);
    const violations = windowViolations('tenant', sends.map((r) => r.at), TEAMS_TENANT_LIMITS);
    for (const channelId of CHANNELS) violations.push(...windowViolations(channelId, sends.filter((r) => r.path.includes(channelId)).map((r) => r.at), TEAMS_CONVERSATION_LIMITS));
    rss.stop();
    await app.stop();
    await connector.stop();
    const perSecond = sends.length / BURST_SECONDS;
    return {
        relay: { events: relaySent.length, delivered: latencies.length, p50Ms: percentile(latencies, 50), p99Ms: percentile(latencies, 99) },
        throughput: { seconds: BURST_SECONDS, delivered: sends.length, perSecond, allowedPerSecond: 30, ofAllowed: perSecond / 30, windowViolations: violations },
        peakRssBytes: rss.peak()
    };
}

async function main(): Promise<void> {
    if (flowOnly) {
        const { relay, throughput, peakRssBytes } = await relayAndThroughput();
        process.stdout.write(`relay p50 ${relay.p50Ms} / p99 ${relay.p99Ms} ms; Teams ${throughput.perSecond.toFixed(1)}/s (${(throughput.ofAllowed * 100).toFixed(0)} %), ${throughput.windowViolations.length} violations; peak RSS ${(peakRssBytes / 1048576).toFixed(0)} MB\n`);
        return;
    }
    const ingestResult = await ingest();
    if (ingestOnly) {
        const { baseline, deskbridge, ratio, peakRssBytes } = ingestResult;
        process.stdout.write(`ingest ${deskbridge.rps.toFixed(0)} req/s (p50 ${deskbridge.p50} / p99 ${deskbridge.p99} ms) vs bare ${baseline.rps.toFixed(0)}: ratio ${ratio.toFixed(2)}, peak RSS ${(peakRssBytes / 1048576).toFixed(0)} MB; rounds p99 ${deskbridge.rounds.map((r) => r.p99).join(', ')} (bare ${baseline.rounds.map((r) => r.p99).join(', ')})\n`);
        return;
    }
    const flow = await relayAndThroughput();
    const results = {
        measuredAt: new Date().toISOString(),
        machine: { node: process.version, quick },
        ingest: ingestResult,
        relay: flow.relay,
        teamsThroughput: flow.throughput,
        peakRssMb: Math.max(ingestResult.peakRssBytes, flow.peakRssBytes) / 1024 / 1024
    };
    writeFileSync(join(ROOT, 'bench', 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
    const rows: Array<[string, string, string]> = [
        ['ingest throughput (req/s, c=32)', `${ingestResult.deskbridge.rps.toFixed(0)} vs bare restify ${ingestResult.baseline.rps.toFixed(0)}`, `ratio ${ingestResult.ratio.toFixed(2)} (target ≥ 0.5)`],
        ['ingest ack latency p50 / p99 (ms)', `${ingestResult.deskbridge.p50} / ${ingestResult.deskbridge.p99}`, `bare ${ingestResult.baseline.p50} / ${ingestResult.baseline.p99}; target p99 ≤ 25`],
        ['relay webhook → connector p50 / p99 (ms)', `${flow.relay.p50Ms} / ${flow.relay.p99Ms}`, `${flow.relay.delivered}/${flow.relay.events} delivered; target p99 ≤ 100`],
        ['Teams sends/s over 20 channels', `${flow.throughput.perSecond.toFixed(1)} of 30 allowed`, `${(flow.throughput.ofAllowed * 100).toFixed(0)} % (target ≥ 90 %), window violations: ${flow.throughput.windowViolations.length}`],
        ['peak RSS (MB)', results.peakRssMb.toFixed(0), 'target ≤ 200']
    ];
    const width = Math.max(...rows.map((r) => r[0].length));
    process.stdout.write(`${rows.map(([a, b, c]) => `${a.padEnd(width)}  ${b}  (${c})`).join('\n')}\n`);
}

main().then(
    () => process.exit(0),
    (err: unknown) => {
        process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
        process.exit(1);
    }
);
