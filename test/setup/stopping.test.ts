import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive, trackChild } from '../helpers/children';
import { freePort } from '../helpers/postgres-server';

const ROOT = join(__dirname, '..', '..');

function portOpen(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => (socket.destroy(), resolve(true)));
        socket.once('error', () => resolve(false));
    });
}

async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
        if (await check()) return true;
        await new Promise((r) => setTimeout(r, 100));
    }
    return check();
}

/** The pids of a process's descendants (Linux /proc), to see that none is left. */
async function descendants(pid: number): Promise<number[]> {
    const { readdirSync, readFileSync } = await import('node:fs');
    const parents = new Map<number, number>();
    for (const entry of readdirSync('/proc')) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
            parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
        } catch {
            // gone meanwhile
        }
    }
    const found: number[] = [];
    const walk = (p: number) => {
        for (const [child, parent] of parents) {
            if (parent !== p) continue;
            found.push(child);
            walk(child);
        }
    };
    walk(pid);
    return found;
}

function npm(args: string[], env: Record<string, string>): { child: ChildProcess; output: () => string } {
    let out = '';
    const child = trackChild(spawn('npm', args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] }));
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    return { child, output: () => out };
}

describe('stopping what npm started', function () {
    // `npm start` may compile first (prestart) when src/ changed since the last build.
    this.timeout(120_000);
    let dir: string;
    beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'stopping-'))));
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('SIGTERM to `npm start` stops the app: port closed and no process left within 5 s, with a start and a stop line', async () => {
        const port = await freePort();
        const { child, output } = npm(['start'], { PORT: String(port), DATABASE_URL: `sqlite:${join(dir, 'a.db')}`, BOT_ID: '', N8N_WEBHOOK_URL: 'http://127.0.0.1:9/webhook', KOMMO_WEBHOOK_TOKEN: 'k' });
        assert.ok(await until(() => portOpen(port), 90_000), `the app did not listen: ${output()}`);
        const below = await descendants(child.pid!);
        assert.ok(below.length > 0);
        child.kill('SIGTERM');
        assert.ok(await until(async () => !(await portOpen(port)), 5_000), 'port still open 5 s after SIGTERM');
        assert.ok(await until(() => below.every((pid) => !isAlive(pid)), 5_000), 'a process npm started is still running');
        assert.match(output(), /Deskbridge listening on 127\.0\.0\.1:\d+ \(sqlite\); integrations on: kommo, n8n; off: intercom, zendesk, teams, leads/);
        assert.match(output(), /"msg":"Deskbridge stopped"/);
    });

    it('SIGTERM to `npm run playground` stops the Playground and its launcher', async () => {
        const port = await freePort();
        const { child, output } = npm(['run', 'playground'], { PLAYGROUND_PORT: String(port), TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_LOGFILE: join(dir, 'playground.log') });
        assert.ok(await until(() => portOpen(port), 60_000), `the Playground did not listen: ${output()}`);
        const below = await descendants(child.pid!);
        child.kill('SIGTERM');
        assert.ok(await until(async () => !(await portOpen(port)), 5_000), 'the Playground still listens 5 s after SIGTERM');
        assert.ok(await until(() => below.every((pid) => !isAlive(pid)), 5_000), 'a process npm started is still running');
    });
});
