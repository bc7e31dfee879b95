import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { trackChild } from './children';

/** A Deskbridge child process (test/fixtures/outbox-child.ts) and the acks it printed. */
export interface ChildApp {
    process: ChildProcess;
    acks: string[];
    ready: Promise<void>;
    exited: Promise<number | null>;
}

/** Starts a child Deskbridge with the given environment. */
export function startChild(env: Record<string, string>): ChildApp {
    const child = trackChild(spawn(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', join(__dirname, '..', 'fixtures', 'outbox-child.ts')], {
        env: { PATH: process.env.PATH ?? '', ...env },
        stdio: ['ignore', 'pipe', 'pipe']
    }));
    const acks: string[] = [];
    let stderr = '';
    let buffer = '';
    let markReady: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => (markReady = resolve));
    child.stdout!.on('data', (chunk: Buffer) => {
        buffer += chunk.toString();
        const lines = buffer.split('\n');
        buffer = lines.pop() ?? '';
        for (const line of lines) {
            if (line === 'ready') markReady();
            else if (line.startsWith('ack ')) acks.push(line.slice(4));
        }
    });
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
        child.once('exit', (code) => {
            if (code !== 0 && code !== null) process.stderr.write(`child exited ${code}: ${stderr.slice(-2000)}\n`);
            resolve(code);
        })
    );
    return { process: child, acks, ready: Promise.race([ready, exited.then(() => Promise.reject(new Error(`child exited before ready: ${stderr.slice(-2000)}`)))]), exited };
}
