import { spawn, type ChildProcess } from 'node:child_process';
import { trackChild } from './children';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
export const PLAYGROUND_BOT_ID = '00000000-0000-0000-0000-00000000000011';
export const PLAYGROUND_TEAM_ID = '19:team-general@thread.tacv2';
export const PLAYGROUND_CHANNEL_ID = '19:support-queue@thread.tacv2';
export const PLAYGROUND_USER_ID = 'user-id-0';

/** What the bot sent, as the Playground's connector logged it. */
export interface PlaygroundMessage {
    action: 'createMessage' | 'updateMessage' | string;
    actionConversationId?: string;
    message: { messageId?: string; from?: { id?: string }; text?: string; attachments?: unknown[] };
}

async function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const port = (server.address() as { port: number }).port;
            server.close(() => resolve(port));
        });
    });
}

/**
 * The real Microsoft 365 Agents Playground, headless (`TEAMSAPPTESTER_BROWSER=none`), pointed at
 * the bot. Drives it through its HTTP API and reads what the bot sent from its log file.
 */
export class Playground {
    private constructor(
        private readonly child: ChildProcess,
        readonly url: string,
        private readonly logFile: string,
        private readonly output: string[]
    ) {}

    static async start(botMessagesUrl: string): Promise<Playground> {
        const port = await freePort();
        const dir = mkdtempSync(join(tmpdir(), 'deskbridge-playground-'));
        const logFile = join(dir, 'playground.log');
        const output: string[] = [];
        const child = trackChild(spawn(
            process.execPath,
            [join(ROOT, 'node_modules', '@microsoft', 'm365agentsplayground', 'cli.js'), 'start', '-e', botMessagesUrl, '-c', 'msteams', '-p', String(port), '--disable-telemetry'],
            {
                cwd: dir,
                env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none', M365_AGENTS_PLAYGROUND_LOGFILE: logFile, M365_AGENTS_PLAYGROUND_CONFIG_PATH: join(ROOT, '.m365agentsplayground.yml') },
                stdio: ['ignore', 'pipe', 'pipe']
            }
        ));
        child.stdout?.on('data', (d: Buffer) => output.push(d.toString()));
        child.stderr?.on('data', (d: Buffer) => output.push(d.toString()));
        const playground = new Playground(child, `http://127.0.0.1:${port}`, logFile, output);
        await playground.waitUntil(async () => {
            const res = await fetch(`${playground.url}/_debug/ping`).catch(() => undefined);
            return res?.status === 200;
        }, 30000, 'the Playground did not start');
        return playground;
    }

    /** Installs the app in the team, as a user adding it from the store would. */
    async installInTeam(teamId = PLAYGROUND_TEAM_ID): Promise<void> {
        const res = await fetch(`${this.url}/_debug/conversation/${encodeURIComponent(teamId)}/installation`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
        if (res.status !== 200) throw new Error(`installation answered ${res.status}`);
    }

    /** Posts `@Deskbridge <text>` at the root of a channel; returns the new thread's ids. */
    async mentionInChannel(text: string, channelId = PLAYGROUND_CHANNEL_ID): Promise<{ messageId: string; postConversationId: string }> {
        const mention = '<at>Deskbridge</at>';
        const res = await fetch(`${this.url}/_conversation/v1/conversations/${encodeURIComponent(channelId)}/messages`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ from: { id: PLAYGROUND_USER_ID }, text: `${mention} ${text}`, textFormat: 'plain', mentions: [{ mentioned: { id: PLAYGROUND_BOT_ID }, text: mention }] })
        });
        if (res.status !== 200) throw new Error(`posting answered ${res.status}: ${await res.text()}`);
        return (await res.json()) as { messageId: string; postConversationId: string };
    }

    /** Every message the bot created or updated, in order. */
    botMessages(): PlaygroundMessage[] {
        if (!existsSync(this.logFile)) return [];
        const messages: PlaygroundMessage[] = [];
        for (const line of readFileSync(this.logFile, 'utf8').split('\n')) {
            const at = line.indexOf('buffering message: ');
            if (at < 0) continue;
            try {
                const parsed = JSON.parse(line.slice(at + 'buffering message: '.length)) as PlaygroundMessage & { logAction?: string };
                if (parsed.action && parsed.message?.from?.id === PLAYGROUND_BOT_ID) messages.push(parsed);
            } catch {
                // a log line cut short: ignore
            }
        }
        return messages;
    }

    /** Waits until the bot has sent a message matching `predicate`. */
    async waitForBotMessage(predicate: (m: PlaygroundMessage) => boolean, timeoutMs = 15000): Promise<PlaygroundMessage> {
        let found: PlaygroundMessage | undefined;
        await this.waitUntil(async () => {
            found = this.botMessages().find(predicate);
            return found !== undefined;
        }, timeoutMs, 'the bot message did not arrive at the Playground');
        return found!;
    }

    async stop(): Promise<void> {
        if (this.child.exitCode !== null) return;
        const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
        this.child.kill('SIGTERM');
        await exited;
    }

    private async waitUntil(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
        const deadline = Date.now() + timeoutMs;
        while (Date.now() < deadline) {
            if (this.child.exitCode !== null) throw new Error(`the Playground exited: ${this.output.join('')}`);
            if (await check()) return;
            await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`${what} within ${timeoutMs} ms. Playground output:\n${this.output.join('').slice(-2000)}`);
    }
}
