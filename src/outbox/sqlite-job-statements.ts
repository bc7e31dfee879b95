import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../store/database';
import type { Selectable } from 'kysely';
import type { OutboxJobsTable } from '../store/schema';
import { toJob, type Job } from './job-store';

/**
 * The worker's three statements per job — claim, done, reschedule — as prepared SQLite
 * statements in synchronous transactions: the same rows and rules as `claimJobs`, `markDone` and
 * `reschedule` in job-store.ts (which PostgreSQL uses), without building and compiling each
 * query. Under a backlog at the Teams cap (30 sends a second) Kysely's query building was a
 * quarter of the worker's CPU. Each call holds Kysely's single connection, so it never runs in the
 * middle of a Kysely transaction.
 */
export interface SqliteJobStatements {
    claim(workerId: string, limit: number, leaseMs: number, now?: number): Promise<Job[]>;
    done(job: Job, workerId: string, now?: number): Promise<void>;
    reschedule(job: Job, workerId: string, runAt: number, lastError: string | null, countAttempt: boolean, now?: number): Promise<void>;
}

type Row = Selectable<OutboxJobsTable>;

export function sqliteJobStatements(db: Pick<Db, 'kysely'>, s: BetterSqlite3.Database): SqliteJobStatements {
    const expired = s.prepare(`select id from outbox_jobs where status = 'running' and locked_until < ? and head = 1 order by run_at, id limit ?`);
    // The partial index of due heads, named: without statistics (no ANALYZE has run) SQLite's
    // planner prefers (status, run_at) and then reads every pending job to find the heads.
    const due = s.prepare(`select id from outbox_jobs indexed by outbox_jobs_ready where head = 1 and status = 'pending' and run_at <= ? order by run_at, id limit ?`);
    const lease = s.prepare(
        `update outbox_jobs set status = 'running', locked_by = ?, locked_until = ?, attempts = attempts + 1, updated_at = ?
         where id = ? and (status = 'pending' or (status = 'running' and locked_until < ?)) returning *`
    );
    const finish = s.prepare(`update outbox_jobs set status = 'done', head = 0, locked_by = null, locked_until = null, done_at = ?, updated_at = ?, last_error = null where id = ? and locked_by = ?`);
    const promote = s.prepare(
        `update outbox_jobs set head = 1
         where id = (select id from outbox_jobs where ordering_key = ? and status = 'pending' order by id limit 1)
           and not exists (select 1 from outbox_jobs where ordering_key = ? and head = 1)`
    );
    const again = s.prepare(
        `update outbox_jobs set status = 'pending', run_at = ?, locked_by = null, locked_until = null, updated_at = ?,
             last_error = coalesce(?, last_error), attempts = attempts - ? where id = ? and locked_by = ?`
    );
    const claimTx = s.transaction((workerId: string, limit: number, leaseMs: number, now: number): Job[] => {
        const ids = (expired.all(now, limit) as Array<{ id: number }>).map((r) => r.id);
        if (ids.length < limit) ids.push(...(due.all(now, limit - ids.length) as Array<{ id: number }>).map((r) => r.id));
        const jobs: Job[] = [];
        for (const id of ids) {
            const row = lease.get(workerId, now + leaseMs, now, id, now) as Row | undefined;
            if (row) jobs.push(toJob(row));
        }
        return jobs.sort((a, b) => a.id - b.id);
    });
    const doneTx = s.transaction((job: Job, workerId: string, now: number) => {
        if (finish.run(now, now, job.id, workerId).changes > 0) promote.run(job.orderingKey, job.orderingKey);
    });
    const hold = <T>(fn: () => T): Promise<T> => db.kysely.connection().execute(async () => fn());
    return {
        claim: (workerId, limit, leaseMs, now = Date.now()) => (limit <= 0 ? Promise.resolve([]) : hold(() => claimTx(workerId, limit, leaseMs, now))),
        done: (job, workerId, now = Date.now()) => hold(() => doneTx(job, workerId, now)),
        reschedule: (job, workerId, runAt, lastError, countAttempt, now = Date.now()) =>
            hold(() => {
                again.run(runAt, now, lastError === null ? null : lastError.slice(0, 2000), countAttempt ? 0 : 1, job.id, workerId);
            })
    };
}
