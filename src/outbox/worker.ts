import { runWithJobSignal } from '../lib/job-signal';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Kysely } from 'kysely';
import type { Logger } from '../lib/logger';
import type { Dialect } from '../store/migrations/index';
import type { Database } from '../store/schema';
import { DEFAULT_BACKOFF, retryDelay, type BackoffOptions } from './backoff';
import { isBrokenCircuit, type CircuitBreakers } from './circuit-breakers';
import { classifyError } from '../lib/delivery-error';
import type { JobHandlers } from './job-handler';
import { claimJobs, enqueueJobs, markDead, markDone, nextRunAt, reschedule, type Job, type NewJob } from './job-store';
import type { OutboxMetrics } from './outbox-metrics';
import type { PeerHealth } from './peer-health';
import type { IngestLoad } from './ingest-load';
import type { RateLimiter, Reservation } from './rate-limits';
import type { SqliteJobStatements } from './sqlite-job-statements';

export interface WorkerOptions {
    db: Kysely<Database>;
    dialect: Dialect;
    handlers: JobHandlers;
    limiter: RateLimiter;
    breakers: CircuitBreakers;
    logger: Logger;
    metrics?: OutboxMetrics;
    /** Records each call's outcome per peer (for the status view). */
    health?: PeerHealth;
    /** Jobs run at once by this process. */
    concurrency?: number;
    /** How long a claimed job is ours; a crashed worker's jobs are reclaimed after it. */
    leaseMs?: number;
    /**
     * The longest the worker sleeps without looking: a safety net for work queued by another
     * process (another instance, the outbox CLI). Otherwise it sleeps until the earliest run time
     * of a waiting job, or until new work wakes it.
     */
    pollMs?: number;
    /** A job taking longer than this fails (retryably). */
    jobTimeoutMs?: number;
    backoff?: BackoffOptions;
    /** Rate-limit waits up to this long happen in place; longer ones reschedule the job. */
    maxInlineWaitMs?: number;
    workerId?: string;
    /** SQLite: the claim, done and reschedule statements prepared once (the worker's hot path). */
    statements?: SqliteJobStatements;
    /** This process's webhook arrivals: during a burst the worker steps back (see {@link OutboxWorker}). */
    ingestLoad?: Pick<IngestLoad, 'bursting'>;
}

/**
 * During a burst of webhooks, after each job the worker pauses this many times as long as the job
 * took, so a job that holds the event loop throughout takes at most a tenth of it. On a 2-core
 * machine (`npm run bench`, while the worker converted the warm-up's 10,000 deliveries during the
 * first round) the worst round's p99 went from 25–41 ms to 19–28 ms, for a ratio a few hundredths
 * lower (three A/B pairs in the README's benchmark section).
 */
const BURST_PAUSE_FACTOR = 9;
/**
 * The longest of those pauses. A Teams send's time is mostly waiting for Teams' answer, not the
 * event loop; with 10 ms at most, some 60 jobs a second still run during a burst: two for each of
 * the 30 posts a second Teams allows a tenant.
 */
const BURST_PAUSE_MAX_MS = 10;
/** During a burst, new work is looked for this often instead of at each commit (~300 a second at concurrency 32). */
const BURST_POLL_MS = 10;

/**
 * Runs outbox jobs: claims due jobs (one per ordering key at a time), waits for the rate limits,
 * calls the handler through its peer's circuit breaker, then marks the job done, schedules a
 * retry with backoff, or turns it into a dead letter. Errors are never swallowed: each ends in
 * the job's `last_error`, a metric and a log line.
 *
 * The ingest comes first: while webhooks arrive in a burst ({@link IngestLoad}), the worker runs
 * one job at a time and pauses after each, so the senders' acknowledgements are not queued behind
 * its work. It still makes progress, and is at full speed again once the burst is over.
 */
export class OutboxWorker {
    readonly workerId: string;
    private running = false;
    private loop?: Promise<void>;
    private readonly inFlight = new Set<Promise<void>>();
    private wake?: () => void;
    private wakeRequested = false;
    /** During a burst: no job is claimed before this time (ms). */
    private pausedUntil = 0;
    private readonly o: Required<Omit<WorkerOptions, 'metrics' | 'health' | 'statements' | 'ingestLoad'>> & Pick<WorkerOptions, 'metrics' | 'health' | 'statements' | 'ingestLoad'>;

    constructor(options: WorkerOptions) {
        this.o = {
            concurrency: 4,
            leaseMs: 60_000,
            pollMs: 500,
            jobTimeoutMs: 30_000,
            backoff: DEFAULT_BACKOFF,
            maxInlineWaitMs: 2_000,
            workerId: `${process.pid}-${randomUUID().slice(0, 8)}`,
            ...options
        };
        this.workerId = this.o.workerId;
    }

    start(): void {
        if (this.running) return;
        this.running = true;
        this.loop = this.runLoop();
    }

    /** Stops claiming, waits for the jobs in flight to finish. */
    async stop(): Promise<void> {
        if (!this.running) return;
        this.running = false;
        this.wakeNow();
        await this.loop;
        await Promise.allSettled([...this.inFlight]);
    }

    /**
     * Something was enqueued: look for work now rather than at the next poll. During a burst of
     * webhooks every commit would wake the worker, hundreds of times a second, each time to read
     * the queue; it looks every {@link BURST_POLL_MS} instead.
     */
    notify(): void {
        if (this.o.ingestLoad?.bursting()) return;
        this.wakeNow();
    }

    /** The worker's own reasons to look at once: a job ended or queued more, or it is stopping. */
    private wakeNow(): void {
        this.wakeRequested = true;
        this.wake?.();
    }

    private async runLoop(): Promise<void> {
        while (this.running) {
            // SQLite answers synchronously, so claim → run → done → claim can go on as one chain
            // of promise callbacks; under a backlog that starved sockets and timers (the Teams
            // sends' answers, rate-limit waits) for seconds. Each round lets them run first.
            await new Promise<void>((resolve) => setImmediate(resolve));
            const pause = this.pausedUntil - Date.now();
            if (pause > 0) {
                // Not cut short by a wake-up: the job that just ended asks for one.
                await new Promise((resolve) => setTimeout(resolve, pause));
                this.o.metrics?.burstPauseSeconds.inc(pause / 1000);
            }
            this.wakeRequested = false;
            const bursting = this.o.ingestLoad?.bursting() ?? false;
            const free = (bursting ? 1 : this.o.concurrency) - this.inFlight.size;
            let claimed: Job[] = [];
            if (free > 0) {
                try {
                    claimed = this.o.statements ? await this.o.statements.claim(this.workerId, free, this.o.leaseMs) : await claimJobs(this.o.db, this.o.dialect, this.workerId, free, this.o.leaseMs);
                } catch (err) {
                    this.o.logger.error({ err }, 'outbox: claiming jobs failed; retrying');
                }
            }
            for (const job of claimed) {
                // A job often takes less than a millisecond: timed finer than Date.now() can.
                const started = performance.now();
                const task = this.runJob(job).finally(() => {
                    this.inFlight.delete(task);
                    if (this.o.ingestLoad?.bursting()) {
                        const took = performance.now() - started;
                        this.pausedUntil = Date.now() + Math.min(BURST_PAUSE_MAX_MS, Math.max(1, took * BURST_PAUSE_FACTOR));
                    }
                    this.wakeNow();
                });
                this.inFlight.add(task);
            }
            if (claimed.length > 0 && claimed.length === free) continue;
            if (this.wakeRequested) continue;
            // During a burst: no read of the next run time either, a look every few ms is cheaper.
            const sleepMs = bursting ? BURST_POLL_MS : free > 0 ? await this.untilNextRun() : this.o.pollMs;
            if (this.wakeRequested) continue;
            await new Promise<void>((resolve) => {
                const timer = setTimeout(resolve, sleepMs);
                this.wake = () => {
                    clearTimeout(timer);
                    resolve();
                };
            });
            this.wake = undefined;
        }
    }

    /**
     * How long nothing can be claimed: until the earliest run time of a waiting head (a rate
     * window, a retry, a circuit, a scheduled job), at most `pollMs`. Under a backlog held by the
     * Teams limits this is one read of an index's first entry, not a claim that finds nothing.
     */
    private async untilNextRun(): Promise<number> {
        try {
            const next = await nextRunAt(this.o.db);
            if (next === undefined) return this.o.pollMs;
            // At least 5 ms: a due head that was not claimed is another instance's (PostgreSQL).
            return Math.min(this.o.pollMs, Math.max(5, next - Date.now()));
        } catch (err) {
            this.o.logger.error({ err }, 'outbox: reading the next run time failed; polling');
            return this.o.pollMs;
        }
    }

    private async runJob(job: Job): Promise<void> {
        const { db, handlers, logger, metrics } = this.o;
        const log = logger.child({ jobId: job.id, kind: job.kind, attempt: job.attempts });
        metrics?.attempts.inc({ kind: job.kind });
        try {
            const handler = handlers.get(job.kind);
            if (!handler) {
                await this.dead(job, `no handler for job kind "${job.kind}"`, log);
                return;
            }
            const parsed = handler.payload.safeParse(JSON.parse(job.payload));
            if (!parsed.success) {
                await this.dead(job, `invalid payload: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`, log);
                return;
            }
            const notReady = (await handler.readyIn?.(parsed.data)) ?? 0;
            if (notReady > 0) {
                await this.defer(job, Date.now() + notReady, `${handler.peer} asked to wait`, false);
                metrics?.processed.inc({ kind: job.kind, outcome: 'deferred' });
                return;
            }
            const buckets = (await handler.rateBuckets?.(parsed.data)) ?? [];
            let reservation: Reservation | undefined;
            if (buckets.length > 0) {
                const admitted = await this.waitForRateLimit(buckets);
                if (admitted.wait > 0) {
                    await this.defer(job, Date.now() + admitted.wait, null, false);
                    metrics?.processed.inc({ kind: job.kind, outcome: 'deferred' });
                    return;
                }
                reservation = admitted.reservation;
            }
            await this.o.breakers
                .execute(handler.peer, () =>
                    withTimeout(
                        (signal) =>
                            runWithJobSignal(signal, () =>
                                handler.run(parsed.data, {
                                    jobId: job.id,
                                    attempt: job.attempts,
                                    logger: log,
                                    signal,
                                    enqueue: async (jobs) => {
                                        // A job that timed out queues nothing more: its retry will.
                                        signal.throwIfAborted();
                                        await enqueueJobs(db, jobs);
                                        this.wakeNow();
                                    }
                                })
                            ),
                        this.o.jobTimeoutMs,
                        handler.peer
                    )
                )
                // The request has ended: from now on it counts in the windows by its end time.
                .finally(() =>
                    reservation?.release().catch((err: unknown) => {
                        // The send stays counted until its in-flight bound passes: safe, only slower.
                        log.warn({ err }, 'outbox: could not record the end of a rate-limited send');
                    })
                );
            await (this.o.statements ? this.o.statements.done(job, this.workerId) : markDone(db, job, this.workerId));
            metrics?.processed.inc({ kind: job.kind, outcome: 'done' });
            this.o.health?.record(handler.peer, true);
        } catch (err) {
            await this.failed(job, err, log).catch((storeErr: unknown) => {
                // The job stays leased and is reclaimed when the lease expires.
                log.error({ err: storeErr }, 'outbox: could not record the job failure');
            });
        }
    }

    /** The job runs again at `runAt` (see `reschedule`). */
    private defer(job: Job, runAt: number, lastError: string | null, countAttempt: boolean): Promise<void> {
        return this.o.statements ? this.o.statements.reschedule(job, this.workerId, runAt, lastError, countAttempt) : reschedule(this.o.db, job, this.workerId, runAt, lastError, countAttempt);
    }

    /** Waits in place for short rate-limit delays; returns the remaining wait if it is too long. */
    private async waitForRateLimit(buckets: Parameters<RateLimiter['tryAcquire']>[0]): Promise<{ wait: number; reservation?: Reservation }> {
        for (;;) {
            const result = await this.o.limiter.tryAcquire(buckets);
            if (result.wait === 0 || result.wait > this.o.maxInlineWaitMs || !this.running) return result;
            await new Promise((resolve) => setTimeout(resolve, result.wait));
        }
    }

    private async failed(job: Job, err: unknown, log: Logger): Promise<void> {
        const { db, metrics } = this.o;
        const handlerPeer = this.o.handlers.get(job.kind)?.peer ?? 'unknown';
        if (isBrokenCircuit(err)) {
            await this.defer(job, Date.now() + this.o.breakers.halfOpenAfterMs, `${handlerPeer} circuit open: not called`, false);
            metrics?.processed.inc({ kind: job.kind, outcome: 'deferred' });
            return;
        }
        const error = classifyError(err, handlerPeer);
        this.o.health?.record(handlerPeer, false, error.message);
        if (error.status === 429) metrics?.throttled.inc({ peer: handlerPeer });
        if (!error.retryable) {
            await this.dead(job, `permanent: ${error.message}`, log);
            return;
        }
        if (job.attempts >= job.maxAttempts) {
            await this.dead(job, `gave up after ${job.attempts} attempts: ${error.message}`, log);
            return;
        }
        const delay = retryDelay(job.attempts, this.o.backoff, error.retryAfterMs);
        const followUps = job.attempts === 1 ? this.hookJobs(job, 'onFirstFailure', error.message, log) : [];
        if (followUps.length === 0) {
            await this.defer(job, Date.now() + delay, error.message, true);
        } else {
            await db.transaction().execute(async (trx) => {
                await reschedule(trx, job, this.workerId, Date.now() + delay, error.message, true);
                await enqueueJobs(trx, followUps);
            });
            this.wakeNow();
        }
        metrics?.processed.inc({ kind: job.kind, outcome: 'retry' });
        log.warn({ err: error.message, retryInMs: delay }, 'outbox: job failed, will retry');
    }

    private async dead(job: Job, reason: string, log: Logger): Promise<void> {
        const followUps = this.hookJobs(job, 'onDead', reason, log);
        const marked = await this.o.db.transaction().execute(async (trx) => {
            if (!(await markDead(trx, job, this.workerId, reason))) return false;
            await enqueueJobs(trx, followUps);
            return true;
        });
        if (!marked) return;
        this.o.metrics?.processed.inc({ kind: job.kind, outcome: 'dead' });
        log.error({ reason }, 'outbox: job is a dead letter');
        if (followUps.length > 0) this.wakeNow();
    }

    /** The handler's jobs for this failure (a visible note); a faulty hook only costs the note. */
    private hookJobs(job: Job, hook: 'onDead' | 'onFirstFailure', reason: string, log: Logger): NewJob[] {
        const handler = this.o.handlers.get(job.kind);
        const run = handler?.[hook];
        if (!handler || !run) return [];
        try {
            const parsed = handler.payload.safeParse(JSON.parse(job.payload));
            return parsed.success ? run.call(handler, parsed.data, reason) : [];
        } catch (err) {
            log.error({ err, hook }, 'outbox: a failure hook failed');
            return [];
        }
    }
}

class TimeoutError extends Error {
    override name = 'TimeoutError';
}

/**
 * Runs `work` with a signal that fires when `ms` have passed: the job fails with a TimeoutError
 * at once, and the work's requests (and its later side effects) are cancelled through the signal.
 */
function withTimeout<T>(work: (signal: AbortSignal) => Promise<T>, ms: number, peer: string): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
            const error = new TimeoutError(`${peer} did not answer within ${ms} ms`);
            controller.abort(error);
            reject(error);
        }, ms);
    });
    const running = work(controller.signal);
    // After the timeout the work's own rejection (its cancelled request) is expected: not unhandled.
    running.catch(() => undefined);
    return Promise.race([running, timeout]).finally(() => clearTimeout(timer));
}
