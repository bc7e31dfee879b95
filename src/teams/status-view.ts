import { listDeadLetters, queueStats } from '../outbox/job-store';
import type { Repositories } from '../store/index';
import type { StatusView } from './cards/status-card';

/** Gathers what the status card shows. */
export async function loadStatusView(repos: Repositories): Promise<StatusView> {
    const db = repos.db.kysely;
    const [bindings, stats, dead] = await Promise.all([repos.bindings.list(), queueStats(db), listDeadLetters(db, 5)]);
    return {
        bindings,
        outbox: { pending: stats.counts.pending, running: stats.counts.running, dead: stats.counts.dead, oldestPendingAgeMs: stats.oldestPendingAgeMs },
        deadLetters: dead.map((d) => ({ id: d.id, kind: d.kind, lastError: d.lastError }))
    };
}
