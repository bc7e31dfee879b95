import { PostgresAdapter, sql, type Kysely, type Selectable, type Transaction } from 'kysely';
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

/** A stored row as a job (numbers as numbers: PostgreSQL's BIGINTs may come as strings). */
export function toJob(r: Selectable<OutboxJobsTable>): Job {
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
 *
 * A job becomes the head of its ordering key when the key has none (see {@link promoteNextHead}).
 * On PostgreSQL, where other instances enqueue and finish jobs of the same key at the same time,
 * the key's head is locked `FOR SHARE` while a follower is added: a worker finishing that head
 * waits for this transaction, then sees the follower and promotes it. Two instances adding the
 * first job of a key at once meet the unique index on heads; the loser adds a follower instead.
 */
export async function enqueueJobs(db: Db, jobs: readonly NewJob[], now = Date.now()): Promise<number> {
    if (jobs.length === 0) return 0;
    if (!db.isTransaction && jobs.length > 1) return db.transaction().execute((trx) => enqueueJobs(trx, jobs, now));
    const postgres = isPostgres(db);
    let added = 0;
    for (const job of jobs) {
        const row = (head: number | ReturnType<typeof sql<number>>) => jobRow(job, now, head);
        const insert = (head: number | ReturnType<typeof sql<number>>, into: Db) =>
            into
                .insertInto('outbox_jobs')
                .values(row(head))
                .onConflict((oc) => oc.column('dedupe_key').doNothing())
                .executeTakeFirst();
        if (!postgres) {
            // One writer at a time (SQLite): whether the key has a head cannot change meanwhile.
            const result = await insert(sql<number>`case when exists (select 1 from outbox_jobs where ordering_key = ${job.orderingKey} and head = 1) then 0 else 1 end`, db);
            added += Number(result.numInsertedOrUpdatedRows ?? 0n);
            continue;
        }
        const inTransaction = async (trx: Transaction<Database>) => {
            for (let tries = 0; ; tries++) {
                const head = await sql<{ id: number }>`select id from outbox_jobs where ordering_key = ${job.orderingKey} and head = 1 for share`.execute(trx);
                if (head.rows.length > 0) return insert(0, trx);
                // Another instance's first job of this key may commit first: then follow it.
                const result = await unlessAnotherHead(trx, () => insert(1, trx));
                if (result !== ANOTHER_HEAD) return result;
                if (tries >= 3) throw new Error(`outbox: could not add a job to ordering key ${job.orderingKey}: its head kept changing`);
            }
        };
        const result = db.isTransaction ? await inTransaction(db as Transaction<Database>) : await db.transaction().execute(inTransaction);
        added += Number(result.numInsertedOrUpdatedRows ?? 0n);
    }
    return added;
}

/** The row of a new job, `head` saying whether it is its key's head (a value or an SQL expression). */
export function jobRow<H>(job: NewJob, now: number, head: H) {
    return {
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
        done_at: null,
        head
    };
}

/**
 * PostgreSQL, inside the caller's transaction: adds many jobs in a few statements, for the ingest's
 * batches. The heads of all their keys are locked `FOR SHARE` in one statement (as
 * {@link enqueueJobs} does one key at a time), the jobs of keys that have a head are inserted as
 * followers in one multi-row insert (its rows get their ids in order, so each key keeps the order
 * given), and the jobs of keys without a head go through {@link enqueueJobs}, which settles a race
 * with another instance's first job of the key. Returns, for each job, whether it was added
 * (false: its dedupe key existed, or came earlier in `jobs`).
 */
export async function enqueueJobsBatchPostgres(trx: Transaction<Database>, jobs: readonly NewJob[], now: number): Promise<boolean[]> {
    const added = jobs.map(() => false);
    if (jobs.length === 0) return added;
    const keys = [...new Set(jobs.map((j) => j.orderingKey))];
    const heads = await sql<{ ordering_key: string }>`select ordering_key from outbox_jobs where ordering_key = any(${keys}) and head = 1 for share`.execute(trx);
    const withHead = new Set(heads.rows.map((r) => r.ordering_key));
    const followers = jobs.map((job, i) => ({ job, i })).filter(({ job }) => withHead.has(job.orderingKey));
    if (followers.length > 0) {
        const inserted = await trx
            .insertInto('outbox_jobs')
            .values(followers.map(({ job }) => jobRow(job, now, 0)))
            .onConflict((oc) => oc.column('dedupe_key').doNothing())
            .returning('dedupe_key')
            .execute();
        // A dedupe key given twice in the batch is inserted once: only its first job counts.
        const fresh = new Set(inserted.map((r) => r.dedupe_key));
        for (const { job, i } of followers) added[i] = job.dedupeKey === undefined || fresh.delete(job.dedupeKey);
    }
    for (let i = 0; i < jobs.length; i++) {
        if (!withHead.has(jobs[i]!.orderingKey)) added[i] = (await enqueueJobs(trx, [jobs[i]!], now)) > 0;
    }
    return added;
}

/** Whether `db` talks to PostgreSQL (SQLite has a single writer and needs no row locks). */
function isPostgres(db: Db): boolean {
    return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Makes the oldest pending job of `orderingKey` its head, when the key has none: after its head
 * was done, dead or cancelled. An index seek on (ordering_key, status, id), whatever the backlog.
 */
export async function promoteNextHead(db: Db, orderingKey: string): Promise<void> {
    const promote = sql`update outbox_jobs set head = 1
        where id = (select id from outbox_jobs where ordering_key = ${orderingKey} and status = 'pending' order by id limit 1)
          and not exists (select 1 from outbox_jobs where ordering_key = ${orderingKey} and head = 1)`;
    if (!isPostgres(db) || !db.isTransaction) {
        await promote.execute(db);
        return;
    }
    // Another transaction promoting a head of this key first is fine: the key has its head.
    await unlessAnotherHead(db as Transaction<Database>, () => promote.execute(db));
}

const ANOTHER_HEAD = Symbol('another head');

/**
 * PostgreSQL: runs `write` in a savepoint; when it meets the unique index of heads (23505: another
 * transaction made a head of the same key first), undoes only `write` and answers ANOTHER_HEAD,
 * leaving the caller's transaction usable.
 */
async function unlessAnotherHead<T>(trx: Transaction<Database>, write: () => Promise<T>): Promise<T | typeof ANOTHER_HEAD> {
    await sql`savepoint deskbridge_head`.execute(trx);
    try {
        const result = await write();
        await sql`release savepoint deskbridge_head`.execute(trx);
        return result;
    } catch (err) {
        await sql`rollback to savepoint deskbridge_head`.execute(trx);
        if ((err as { code?: string }).code !== '23505') throw err;
        return ANOTHER_HEAD;
    }
}

/**
 * Claims up to `limit` due jobs for `workerId`, leasing them until `now + leaseMs`.
 *
 * Only the head of each ordering key can be claimed: the oldest job of the key that is not done
 * or dead. So a key never has two jobs running, its jobs run in insertion order, and a job
 * waiting for a retry holds back the jobs behind it. A running job whose lease expired (its
 * worker died) is claimable again. On PostgreSQL, `FOR UPDATE SKIP LOCKED` lets several
 * processes claim concurrently without taking the same row.
 *
 * Both queries read only heads, from the partial index `outbox_jobs_ready` (due pending heads in
 * run order): a claim costs the same with ten jobs queued or a hundred thousand held behind
 * their heads by the Teams limits.
 */
export async function claimJobs(db: Kysely<Database>, dialect: Dialect, workerId: string, limit: number, leaseMs: number, now = Date.now()): Promise<Job[]> {
    if (limit <= 0) return [];
    return db.transaction().execute(async (trx) => {
        const lock = dialect === 'postgres' ? sql`for update of j skip locked` : sql``;
        // Expired leases (rare) go first; running rows are few (at most the workers' concurrency).
        const expired = await sql<{ id: number }>`
            select j.id from outbox_jobs j
            where j.status = 'running' and j.locked_until < ${now} and j.head = 1
            order by j.run_at, j.id
            limit ${limit}
            ${lock}`.execute(trx);
        // The literals `head = 1` and `status = 'pending'` match the partial index's condition;
        // SQLite is told to use it (without ANALYZE statistics it prefers (status, run_at) and
        // reads every pending job), PostgreSQL's planner picks it from its statistics.
        const ready = dialect === 'sqlite' ? sql`indexed by outbox_jobs_ready` : sql``;
        const due =
            expired.rows.length < limit
                ? await sql<{ id: number }>`
            select j.id from outbox_jobs j ${ready}
            where j.head = 1 and j.status = 'pending' and j.run_at <= ${now}
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
        return claimed.map((r) => toJob(r)).sort((a, b) => a.id - b.id);
    });
}

/**
 * When the worker next has something to claim: the earliest run time of a pending head (the
 * partial index's first entry), or undefined when no key has a pending head.
 */
export async function nextRunAt(db: Db): Promise<number | undefined> {
    // SQLite is told which index: without statistics it reads every pending job instead.
    const ready = isPostgres(db) ? sql`` : sql`indexed by outbox_jobs_ready`;
    const row = await sql<{ run_at: number | null }>`select min(run_at) as run_at from outbox_jobs ${ready} where head = 1 and status = 'pending'`.execute(db);
    const at = row.rows[0]?.run_at;
    return at === null || at === undefined ? undefined : Number(at);
}

/** The job succeeded. Only its current lease holder can say so. */
export async function markDone(db: Db, job: Job, workerId: string, now = Date.now()): Promise<void> {
    const finish = async (trx: Db) => {
        const result = await trx
            .updateTable('outbox_jobs')
            .set({ status: 'done', head: 0, locked_by: null, locked_until: null, done_at: now, updated_at: now, last_error: null })
            .where('id', '=', job.id)
            .where('locked_by', '=', workerId)
            .executeTakeFirst();
        if (Number(result.numUpdatedRows) > 0) await promoteNextHead(trx, job.orderingKey);
    };
    if (db.isTransaction) await finish(db);
    else await db.transaction().execute(finish);
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
    const kill = async (trx: Db) => {
        const result = await trx
            .updateTable('outbox_jobs')
            .set({ status: 'dead', head: 0, locked_by: null, locked_until: null, last_error: reason.slice(0, 2000), updated_at: now })
            .where('id', '=', job.id)
            .where('locked_by', '=', workerId)
            .executeTakeFirst();
        const marked = Number(result.numUpdatedRows) > 0;
        // The dead letter no longer holds its key back: the next job of the key may run.
        if (marked) await promoteNextHead(trx, job.orderingKey);
        return marked;
    };
    return db.isTransaction ? kill(db) : db.transaction().execute(kill);
}

/** Dead letters, newest first. */
export async function listDeadLetters(db: Db, limit = 100): Promise<Job[]> {
    const rows = await db.selectFrom('outbox_jobs').selectAll().where('status', '=', 'dead').orderBy('updated_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((r) => toJob(r));
}

/** Puts dead letters back in the queue with fresh attempts; returns the ids replayed. */
export async function replayDeadLetters(db: Db, which: { id: number } | { ids: readonly number[] } | 'all', now = Date.now()): Promise<number[]> {
    if (which !== 'all' && 'ids' in which && which.ids.length === 0) return [];
    const replay = async (trx: Db) => {
        let query = trx
            .updateTable('outbox_jobs')
            .set({ status: 'pending', attempts: 0, run_at: now, locked_by: null, locked_until: null, updated_at: now })
            .where('status', '=', 'dead');
        if (which !== 'all') query = 'ids' in which ? query.where('id', 'in', [...which.ids]) : query.where('id', '=', which.id);
        const rows = await query.returning(['id', 'ordering_key']).execute();
        // A dead letter is not a head; its key gets one again if it has none (the oldest job runs first).
        for (const key of new Set(rows.map((r) => r.ordering_key))) await promoteNextHead(trx, key);
        return rows.map((r) => Number(r.id));
    };
    return db.isTransaction ? replay(db) : db.transaction().execute(replay);
}

export async function getJob(db: Db, id: number): Promise<Job | undefined> {
    const r = await db.selectFrom('outbox_jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return r ? toJob(r) : undefined;
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
 * Rows deleted (or blanked) per statement while pruning, and the pause between statements. With
 * 500 rows a statement (3.4 KB deliveries) a 300,000-row prune raised the ingest p99 from 52 to
 * 82 ms while it ran; 200 rows keep each statement to a few milliseconds.
 */
export const PRUNE_BATCH = { rows: 200, pauseMs: 10 };

/**
 * Deletes what is no longer needed: jobs done longer than `doneJobsMs` ago and inbox rows older
 * than `inboxMs` (long past any sender's retries, so dedupe no longer needs them). Dead letters
 * stay until replayed. Returns how many rows went.
 *
 * In batches of {@link PRUNE_BATCH}.rows with a pause between them: SQLite runs a statement on the
 * event loop and holds the single writer while it runs, so one statement deleting a day's 100,000
 * rows would hold every webhook acknowledgement for as long (it did: see the README's benchmark).
 * Each batch is an index range, so its cost does not grow with what is kept.
 */
export async function pruneHistory(db: Db, retention: { doneJobsMs: number; inboxMs: number }, now = Date.now(), batch = PRUNE_BATCH): Promise<{ jobs: number; inbox: number }> {
    const pause = () => new Promise((resolve) => setTimeout(resolve, batch.pauseMs));
    const doneIndex = isPostgres(db) ? sql`` : sql`indexed by outbox_jobs_done`;
    let jobs = 0;
    for (;;) {
        // `status = 'done'` as a literal: it matches the partial index outbox_jobs_done (done_at),
        // which SQLite is told to use (without statistics it would sort every done job).
        const ids = await sql<{ id: number }>`select id from outbox_jobs ${doneIndex} where status = 'done' and done_at < ${now - retention.doneJobsMs} order by done_at limit ${batch.rows}`.execute(db);
        if (ids.rows.length === 0) break;
        const deleted = await db.deleteFrom('outbox_jobs').where('id', 'in', ids.rows.map((r) => Number(r.id))).where('status', '=', 'done').executeTakeFirst();
        jobs += Number(deleted.numDeletedRows);
        if (ids.rows.length < batch.rows) break;
        await pause();
    }
    const cutoff = now - retention.inboxMs;
    let inbox = 0;
    // Walked by id (ids grow with arrival): a delivery of a thread that still exists keeps its id
    // (a replay of it, however late, is still recognised); only its body goes. Everything else
    // past the retention goes whole.
    // Ids below the first delivery received since the cutoff (an index seek) bound the walk, so no
    // statement reads the recent rows that stay.
    const firstKept = await db.selectFrom('inbox').select('id').where('received_at', '>=', cutoff).orderBy('received_at').limit(1).executeTakeFirst();
    const below = firstKept === undefined ? Number.MAX_SAFE_INTEGER : Number(firstKept.id);
    for (let after = 0; ; ) {
        const rows = await db
            .selectFrom('inbox')
            .select(['id', 'received_at', 'payload', (eb) => eb.exists(eb.selectFrom('threads').select('thread_key').whereRef('threads.thread_key', '=', 'inbox.subject')).as('has_thread')])
            .where('id', '>', after)
            .where('id', '<', below)
            .where('received_at', '<', cutoff)
            .orderBy('id')
            .limit(batch.rows)
            .execute();
        if (rows.length === 0) break;
        after = Number(rows.at(-1)!.id);
        const gone = rows.filter((r) => !r.has_thread).map((r) => Number(r.id));
        const blank = rows.filter((r) => r.has_thread && r.payload !== '').map((r) => Number(r.id));
        if (gone.length > 0) inbox += Number((await db.deleteFrom('inbox').where('id', 'in', gone).executeTakeFirst()).numDeletedRows);
        if (blank.length > 0) await db.updateTable('inbox').set({ payload: '', raw_body: null }).where('id', 'in', blank).execute();
        if (rows.length < batch.rows) break;
        await pause();
    }
    // Echo markers matter only until their webhooks arrive; keep them as long as the inbox.
    for (;;) {
        const parts = await db.selectFrom('sent_parts').select(['source', 'part_id']).where('created_at', '<', now - retention.inboxMs).limit(batch.rows).execute();
        if (parts.length === 0) break;
        await db
            .deleteFrom('sent_parts')
            .where((eb) => eb.or(parts.map((p) => eb.and([eb('source', '=', p.source), eb('part_id', '=', p.part_id)]))))
            .execute();
        if (parts.length < batch.rows) break;
        await pause();
    }
    return { jobs, inbox };
}

/**
 * Cancels jobs not started yet whose dedupe key starts with `prefix` (a scheduled reminder that is
 * no longer needed): they are marked done with the reason, never run. Returns how many.
 */
export async function cancelPendingJobs(db: Db, dedupeKeyPrefix: string, reason: string, now = Date.now()): Promise<number> {
    const escaped = dedupeKeyPrefix.replace(/[\\%_]/g, (c) => `\\${c}`);
    const cancel = async (trx: Db) => {
        const rows = await trx
            .updateTable('outbox_jobs')
            .set({ status: 'done', head: 0, done_at: now, updated_at: now, last_error: `cancelled: ${reason}`.slice(0, 2000) })
            .where('status', '=', 'pending')
            .where(sql<boolean>`dedupe_key like ${`${escaped}%`} escape '\\'`)
            .returning('ordering_key')
            .execute();
        // A cancelled head hands its key on to the next job.
        for (const key of new Set(rows.map((r) => r.ordering_key))) await promoteNextHead(trx, key);
        return rows.length;
    };
    return db.isTransaction ? cancel(db) : db.transaction().execute(cancel);
}
