/**
 * Operators' command line for the outbox, on the database of DATABASE_URL:
 *   npm run outbox -- list            dead letters, newest first
 *   npm run outbox -- replay <id>     put one dead letter back in the queue
 *   npm run outbox -- replay --all    put every dead letter back
 *   npm run outbox -- stats           jobs by status, oldest waiting
 * A running Deskbridge picks replayed jobs up at its next poll.
 */
import { loadConfig } from '../config';
import { migrateToLatest, openDatabase } from '../store/database';
import { listDeadLetters, queueStats, replayDeadLetters } from './job-store';

const USAGE = 'usage: npm run outbox -- list | replay <id> | replay --all | stats';

/** Runs one CLI command; returns the text to print and the exit code. */
export async function runOutboxCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<{ output: string; code: number }> {
    const [command, arg] = args;
    if (!command || !['list', 'replay', 'stats'].includes(command)) return { output: USAGE, code: 2 };
    const db = await openDatabase(loadConfig(env).database);
    try {
        await migrateToLatest(db);
        if (command === 'list') {
            const dead = await listDeadLetters(db.kysely, 1000);
            if (dead.length === 0) return { output: 'no dead letters', code: 0 };
            const lines = dead.map((d) => `${d.id}\t${d.kind}\t${d.orderingKey}\tattempts=${d.attempts}\t${new Date(d.updatedAt).toISOString()}\t${d.lastError ?? ''}`);
            return { output: ['id\tkind\tordering key\tattempts\tfailed at\tlast error', ...lines].join('\n'), code: 0 };
        }
        if (command === 'stats') {
            const stats = await queueStats(db.kysely);
            return { output: `${Object.entries(stats.counts).map(([s, n]) => `${s}=${n}`).join(' ')} oldest_waiting_s=${Math.round(stats.oldestPendingAgeMs / 1000)}`, code: 0 };
        }
        if (arg === '--all') {
            const ids = await replayDeadLetters(db.kysely, 'all');
            return { output: `replayed ${ids.length} dead letter(s)${ids.length ? `: ${ids.join(', ')}` : ''}`, code: 0 };
        }
        if (!arg || !/^\d+$/.test(arg)) return { output: USAGE, code: 2 };
        const ids = await replayDeadLetters(db.kysely, { id: Number(arg) });
        return ids.length === 0 ? { output: `no dead letter with id ${arg}`, code: 1 } : { output: `replayed dead letter ${arg}`, code: 0 };
    } finally {
        await db.close();
    }
}

if (require.main === module) {
    runOutboxCli(process.argv.slice(2)).then(
        ({ output, code }) => {
            (code === 0 ? process.stdout : process.stderr).write(`${output}\n`);
            process.exit(code);
        },
        (err: unknown) => {
            process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
            process.exit(1);
        }
    );
}
