import type { Registry } from 'prom-client';
import type { Config } from '../config';
import type { Logger } from '../lib/logger';
import type { Db } from '../store/database';
import { CircuitBreakers } from './circuit-breakers';
import { PeerHealth } from './peer-health';
import { storeDelivery, type Delivery, type IngestResult } from './ingest';
import { IngestBatcher } from './ingest-batcher';
import { IngestLoad } from './ingest-load';
import { JobHandlers } from './job-handler';
import { reclaimFreePages } from '../store/reclaim-space';
import { sqliteJobStatements } from './sqlite-job-statements';
import { enqueueJobs, pruneHistory, releaseAllLeases, type NewJob } from './job-store';
import { createOutboxMetrics } from './outbox-metrics';
import { MemoryRateLimiter, PostgresRateLimiter, type RateLimiter } from './rate-limits';
import { OutboxWorker } from './worker';

/** The delivery engine as the rest of the app sees it: ingest, enqueue, and the worker. */
export interface Outbox {
    readonly handlers: JobHandlers;
    readonly worker: OutboxWorker;
    readonly breakers: CircuitBreakers;
    readonly limiter: RateLimiter;
    /** Call outcomes per peer, as this process saw them. */
    readonly health: PeerHealth;
    /** Stores a webhook delivery and its jobs in one transaction (dedupe by event id). */
    ingest(delivery: Delivery, jobs: readonly NewJob[]): Promise<IngestResult>;
    /**
     * Stores the items of one multi-item delivery (a Kommo form, a Meta or RD Station batch) and
     * their jobs in one transaction: all of them are acknowledged, or none.
     */
    ingestAll(items: ReadonlyArray<{ delivery: Delivery; jobs: readonly NewJob[] }>): Promise<IngestResult[]>;
    /** Queues jobs outside a delivery (Teams actions, scheduled follow-ups). */
    enqueue(jobs: readonly NewJob[]): Promise<number>;
    /** Starts the worker (after recovering jobs a crashed SQLite process left leased) and the hourly pruning. */
    start(): Promise<void>;
    /** Stops the worker and the pruning. */
    stop(): Promise<void>;
}

const DAY_MS = 86_400_000;

/** Builds the outbox over the app's database, with the rate limiter that fits the engine. */
export function createOutbox(deps: { config: Config; db: Db; registry: Registry; logger: Logger }): Outbox {
    const { config, db, registry, logger } = deps;
    const metrics = createOutboxMetrics(registry, db.kysely);
    const breakers = new CircuitBreakers({ failures: config.CIRCUIT_FAILURES, halfOpenAfterMs: config.CIRCUIT_OPEN_MS }, (peer, state) => {
        metrics.circuitChanged(peer, state);
        logger.warn({ peer, state }, 'circuit breaker changed state');
    });
    // SQLite means one process: counting in memory is exact. PostgreSQL may mean several
    // instances: they share the count in the database.
    const limiter = db.dialect === 'postgres' ? new PostgresRateLimiter(db.kysely) : new MemoryRateLimiter();
    const handlers = new JobHandlers();
    const health = new PeerHealth();
    const ingestLoad = new IngestLoad();
    const worker = new OutboxWorker({
        health,
        ingestLoad,
        db: db.kysely,
        dialect: db.dialect,
        statements: db.sqlite ? sqliteJobStatements(db, db.sqlite) : undefined,
        handlers,
        limiter,
        breakers,
        logger,
        metrics,
        concurrency: config.OUTBOX_WORKERS,
        leaseMs: config.OUTBOX_LEASE_MS,
        pollMs: config.OUTBOX_POLL_MS,
        jobTimeoutMs: config.OUTBOX_JOB_TIMEOUT_MS,
        backoff: { baseMs: config.OUTBOX_RETRY_BASE_MS, capMs: config.OUTBOX_RETRY_CAP_MS }
    });
    const batcher = new IngestBatcher(db);
    let pruneTimer: NodeJS.Timeout | undefined;
    const withDefaults = (jobs: readonly NewJob[]) => jobs.map((j) => ({ maxAttempts: config.OUTBOX_MAX_ATTEMPTS, ...j }));
    return {
        handlers,
        worker,
        breakers,
        limiter,
        health,
        async ingest(delivery, jobs) {
            ingestLoad.record();
            const result = await batcher.submit(delivery, withDefaults(jobs));
            if (result.stored) worker.notify();
            return result;
        },
        async ingestAll(items) {
            if (items.length === 0) return [];
            ingestLoad.record(items.length);
            const results = await db.kysely.transaction().execute(async (trx) => {
                const out: IngestResult[] = [];
                for (const item of items) out.push(await storeDelivery(trx, item.delivery, withDefaults(item.jobs)));
                return out;
            });
            if (results.some((r) => r.stored)) worker.notify();
            return results;
        },
        async enqueue(jobs) {
            const added = await enqueueJobs(db.kysely, withDefaults(jobs));
            worker.notify();
            return added;
        },
        async start() {
            if (db.dialect === 'sqlite') {
                const released = await releaseAllLeases(db.kysely);
                if (released > 0) logger.warn({ released }, 'outbox: resumed jobs a previous process left unfinished');
            }
            worker.start();
            const prune = async () => {
                const started = Date.now();
                try {
                    const pruned = await pruneHistory(db.kysely, { doneJobsMs: config.OUTBOX_RETENTION_DAYS * DAY_MS, inboxMs: config.INBOX_RETENTION_DAYS * DAY_MS });
                    if (pruned.jobs + pruned.inbox > 0) {
                        logger.info({ ...pruned, tookMs: Date.now() - started }, 'outbox: pruned old done jobs and inbox rows');
                        const reclaiming = Date.now();
                        const pages = await reclaimFreePages(db);
                        if (pages > 0) logger.info({ pages, tookMs: Date.now() - reclaiming }, 'store: gave the pruned pages back to the disk');
                    }
                } catch (err) {
                    logger.error({ err }, 'outbox: pruning failed; will try again');
                }
                pruneTimer = setTimeout(() => void prune(), config.OUTBOX_PRUNE_EVERY_MINUTES * 60_000);
                pruneTimer.unref();
            };
            pruneTimer = setTimeout(() => void prune(), config.OUTBOX_PRUNE_FIRST_AFTER_SECONDS * 1000);
            pruneTimer.unref();
        },
        async stop() {
            if (pruneTimer) clearTimeout(pruneTimer);
            await worker.stop();
        }
    };
}
