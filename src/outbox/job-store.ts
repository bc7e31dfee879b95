import { sql, type Kysely, type Transaction } from 'kysely';
import type { Dialect } from '../store/migrations/index';
import type { Database, OutboxJobsTable } from '../store/schema';

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

/** A job to put in the outbox. */
export interface NewJob {
    kind: string;
    payload: unknown;
    /** Jobs with the same key run one at a time, in insertion order (a Teams thread, a conversation). */
    orderingKey: string;
    /** When set, a second job with the same key is not created (an event's effect happens once). */
    dedupeKey?: string;
    /** Earliest start (scheduled jobs: reminders, follow-ups). */
    runAt?: number;
    maxAttempts?: number;
}

/** A job as stored. */
export interface Job {
    id: number;
    kind: string;
    payload: string;
    orderingKey: string;
    dedupeKey: string | null;
    status: JobStatus;
    attempts: number;
    maxAttempts: number;
    runAt: number;
    lockedBy: string | null;
    lockedUntil: number | null;
    lastError: string | null;
    createdAt: number;
    updatedAt: number;
}

type Db = Kysely<Database> | Transaction<Database>;

export const DEFAULT_MAX_ATTEMPTS = 8;

function toJob(r: Database['outbox_jobs'] & { id: number }): Job {
    return {
        id: Number(r.id),
        kind: r.kind,
        payload: r.payload,
        orderingKey: r.ordering_key,
        dedupeKey: r.dedupe_key,
        status: r.status as JobStatus,
        attempts: Number(r.attempts),
        maxAttempts: Number(r.max_attempts),
        runAt: Number(r.run_at),
        lockedBy: r.locked_by,
        lockedUntil: r.locked_until === null ? null : Number(r.locked_until),
        lastError: r.last_error,
        createdAt: Number(r.created_at),
        updatedAt: Number(r.updated_at)
    };
}

/**
 * Adds jobs, inside the caller's transaction when one is given (an inbox row and its jobs are
 * written together). Jobs whose dedupe key exists already are skipped; returns how many were added.
 */
export async function enqueueJobs(db: Db, jobs: readonly NewJob[], now = Date.now()): Promise<number> {
    let added = 0;
    for (const job of jobs) {
        const row: Omit<OutboxJobsTable, 'id'> = {
            kind: job.kind,
            payload: JSON.stringify(job.payload),
            ordering_key: job.orderingKey,
            dedupe_key: job.dedupeKey ?? null,
            status: 'pending',
            attempts: 0,
            max_attempts: job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
            run_at: job.runAt ?? now,
            locked_by: null,
            locked_until: null,
            last_error: null,
            created_at: now,
            updated_at: now,
            done_at: null
        };
        const result = await db
            .insertInto('outbox_jobs')
            .values(row)
            .onConflict((oc) => oc.column('dedupe_key').doNothing())
            .executeTakeFirst();
        added += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return added;
}

/**
 * Claims up to `limit` due jobs for `workerId`, leasing them until `now + leaseMs`.
 *
 * Only the head of each ordering key can be claimed: the oldest job of the key that is not done
 * or dead. So a key never has two jobs running, its jobs run in insertion order, and a job
 * waiting for a retry holds back the jobs behind it. A running job whose lease expired (its
 * worker died) is claimable again. On PostgreSQL, `FOR UPDATE SKIP LOCKED` lets several
 * processes claim concurrently without taking the same row.
 */
export async function claimJobs(db: Kysely<Database>, dialect: Dialect, workerId: string, limit: number, leaseMs: number, now = Date.now()): Promise<Job[]> {
    if (limit <= 0) return [];
    return db.transaction().execute(async (trx) => {
        const lock = dialect === 'postgres' ? sql`for update of j skip locked` : sql``;
        const isHead = sql`not exists (
                select 1 from outbox_jobs e
                where e.ordering_key = j.ordering_key and e.id < j.id and e.status in ('pending', 'running'))`;
        // Two queries rather than one with OR: each walks the (status, run_at) index in order and
        // stops at the limit, where the OR made SQLite collect and sort every due job on every
        // claim — the worker's main cost under a backlog. Expired leases (rare) go first.
        const expired = await sql<{ id: number }>`
            select j.id from outbox_jobs j
            where j.status = 'running' and j.locked_until < ${now} and ${isHead}
            order by j.run_at, j.id
            limit ${limit}
            ${lock}`.execute(trx);
        const due =
            expired.rows.length < limit
                ? await sql<{ id: number }>`
            select j.id from outbox_jobs j
            where j.status = 'pending' and j.run_at <= ${now} and ${isHead}
            order by j.run_at, j.id
            limit ${limit - expired.rows.length}
            ${lock}`.execute(trx)
                : { rows: [] };
        const ids = [...expired.rows, ...due.rows].map((r) => Number(r.id));
        if (ids.length === 0) return [];
        const claimed = await trx
            .updateTable('outbox_jobs')
            .set((eb) => ({ status: 'running', locked_by: workerId, locked_until: now + leaseMs, attempts: eb('attempts', '+', 1), updated_at: now }))
            .where('id', 'in', ids)
            .where((eb) => eb.or([eb('status', '=', 'pending'), eb.and([eb('status', '=', 'running'), eb('locked_until', '<', now)])]))
            .returningAll()
            .execute();
        return claimed.map((r) => toJob(r as Database['outbox_jobs'] & { id: number })).sort((a, b) => a.id - b.id);
    });
}

/** The job succeeded. Only its current lease holder can say so. */
export async function markDone(db: Db, job: Job, workerId: string, now = Date.now()): Promise<void> {
    await db
        .updateTable('outbox_jobs')
        .set({ status: 'done', locked_by: null, locked_until: null, done_at: now, updated_at: now, last_error: null })
        .where('id', '=', job.id)
        .where('locked_by', '=', workerId)
        .execute();
}

/** The job runs again at `runAt`; `countAttempt: false` gives back the attempt (rate limit, open circuit). */
export async function reschedule(db: Db, job: Job, workerId: string, runAt: number, lastError: string | null, countAttempt: boolean, now = Date.now()): Promise<void> {
    await db
        .updateTable('outbox_jobs')
        .set((eb) => ({
            status: 'pending',
            run_at: runAt,
            locked_by: null,
            locked_until: null,
            updated_at: now,
            ...(lastError !== null ? { last_error: lastError.slice(0, 2000) } : {}),
            ...(countAttempt ? {} : { attempts: eb('attempts', '-', 1) })
        }))
        .where('id', '=', job.id)
        .where('locked_by', '=', workerId)
        .execute();
}

/** The job will not succeed: it becomes a dead letter with the reason. */
export async function markDead(db: Db, job: Job, workerId: string, reason: string, now = Date.now()): Promise<boolean> {
    const result = await db
        .updateTable('outbox_jobs')
        .set({ status: 'dead', locked_by: null, locked_until: null, last_error: reason.slice(0, 2000), updated_at: now })
        .where('id', '=', job.id)
        .where('locked_by', '=', workerId)
        .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
}

/** Dead letters, newest first. */
export async function listDeadLetters(db: Db, limit = 100): Promise<Job[]> {
    const rows = await db.selectFrom('outbox_jobs').selectAll().where('status', '=', 'dead').orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => toJob(r as Database['outbox_jobs'] & { id: number }));
}

/** Puts dead letters back in the queue with fresh attempts; returns the ids replayed. */
export async function replayDeadLetters(db: Db, which: { id: number } | { ids: readonly number[] } | 'all', now = Date.now()): Promise<number[]> {
    if (which !== 'all' && 'ids' in which && which.ids.length === 0) return [];
    let query = db
        .updateTable('outbox_jobs')
        .set({ status: 'pending', attempts: 0, run_at: now, locked_by: null, locked_until: null, updated_at: now })
        .where('status', '=', 'dead');
    if (which !== 'all') query = 'ids' in which ? query.where('id', 'in', [...which.ids]) : query.where('id', '=', which.id);
    const rows = await query.returning('id').execute();
    return rows.map((r) => Number(r.id));
}

export async function getJob(db: Db, id: number): Promise<Job | undefined> {
    const r = await db.selectFrom('outbox_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toJob(r as Database['outbox_jobs'] & { id: number }) : undefined;
}

/** Counts by status and the age of the oldest due pending job, for status and metrics. */
export async function queueStats(db: Db, now = Date.now()): Promise<{ counts: Record<JobStatus, number>; oldestPendingAgeMs: number }> {
    const rows = await db.selectFrom('outbox_jobs').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
    const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, dead: 0 };
    for (const r of rows) counts[r.status as JobStatus] = Number(r.n);
    // The oldest by id is the oldest by creation (ids grow with time). Asking for the id lets
    // SQLite answer from the (status, run_at) index alone, which stays fast under a large backlog.
    const oldest = await db
        .selectFrom('outbox_jobs')
        .select((eb) => eb.fn.min('id').as('id'))
        .where('status', 'in', ['pending', 'running'])
        .where('run_at', '<=', now)
        .executeTakeFirst();
    const oldestId = oldest?.id === null || oldest?.id === undefined ? undefined : Number(oldest.id);
    const row = oldestId === undefined ? undefined : await db.selectFrom('outbox_jobs').select('created_at').where('id', '=', oldestId).executeTakeFirst();
    const created = row === undefined ? undefined : Number(row.created_at);
    return { counts, oldestPendingAgeMs: created === undefined ? 0 : Math.max(0, now - created) };
}

/**
 * Frees every leased job. Only for SQLite, where one process owns the database: at start, jobs
 * still "running" belong to a process that died, and need not wait for their leases to expire.
 */
export async function releaseAllLeases(db: Db, now = Date.now()): Promise<number> {
    const result = await db
        .updateTable('outbox_jobs')
        .set({ status: 'pending', locked_by: null, locked_until: null, run_at: now, updated_at: now })
        .where('status', '=', 'running')
        .executeTakeFirst();
    return Number(result.numUpdatedRows);
}

/**
 * Deletes what is no longer needed: jobs done longer than `doneJobsMs` ago and inbox rows older
 * than `inboxMs` (long past any sender's retries, so dedupe no longer needs them). Dead letters
 * stay until replayed. Returns how many rows went.
 */
export async function pruneHistory(db: Db, retention: { doneJobsMs: number; inboxMs: number }, now = Date.now()): Promise<{ jobs: number; inbox: number }> {
    const jobs = await db.deleteFrom('outbox_jobs').where('status', '=', 'done').where('done_at', '<', now - retention.doneJobsMs).executeTakeFirst();
    const cutoff = now - retention.inboxMs;
    // A delivery of a thread that still exists keeps its id (a replay of it, however late, is
    // still recognised); only its body goes. Everything else past the retention goes whole.
    const inbox = await db
        .deleteFrom('inbox')
        .where('received_at', '<', cutoff)
        .where((eb) => eb.or([eb('subject', 'is', null), eb.not(eb.exists(eb.selectFrom('threads').select('thread_key').whereRef('threads.thread_key', '=', 'inbox.subject')))]))
        .executeTakeFirst();
    await db.updateTable('inbox').set({ payload: '', raw_body: null }).where('received_at', '<', cutoff).where('payload', '!=', '').execute();
    // Echo markers matter only until their webhooks arrive; keep them as long as the inbox.
    await db.deleteFrom('sent_parts').where('created_at', '<', now - retention.inboxMs).execute();
    return { jobs: Number(jobs.numDeletedRows), inbox: Number(inbox.numDeletedRows) };
}

/**
 * Cancels jobs not started yet whose dedupe key starts with `prefix` (a scheduled reminder that is
 * no longer needed): they are marked done with the reason, never run. Returns how many.
 */
export async function cancelPendingJobs(db: Db, dedupeKeyPrefix: string, reason: string, now = Date.now()): Promise<number> {
    const escaped = dedupeKeyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`);
    const result = await db
        .updateTable('outbox_jobs')
        .set({ status: 'done', done_at: now, updated_at: now, last_error: `cancelled: ${reason}`.slice(0, 2000) })
        .where('status', '=', 'pending')
        .where(sql<boolean>`dedupe_key like ${`${escaped}%`} escape '\\'`)
        .executeTakeFirst();
    return Number(result.numUpdatedRows);
}
