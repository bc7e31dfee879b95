import { listDeadLetters, queueStats } from '../outbox/job-store';
import type { Repositories } from '../store/index';
import type { StatusView } from './cards/status-card';

/** Gathers what the status card shows. */
export async function loadStatusView(repos: Repositories): Promise<StatusView> {
    const db = repos.db.kysely;
    const [bindings, stats, dead] = await Promise.all([repos.bindings.list(), queueStats(db), listDeadLetters(db, 5)]);
    const teams = await Promise.all([...new Set(bindings.map((b) => b.teamId))].map((id) => repos.teams.getTeam(id)));
    return {
        bindings,
        removedTeams: teams.filter((team) => team !== undefined && !team.installed).map((team) => team!.teamId),
        outbox: { pending: stats.counts.pending, running: stats.counts.running, dead: stats.counts.dead, oldestPendingAgeMs: stats.oldestPendingAgeMs },
        deadLetters: dead.map((d) => ({ id: d.id, kind: d.kind, lastError: d.lastError }))
    };
}
