import type BetterSqlite3 from 'better-sqlite3';
import type { Transaction } from 'kysely';
import type { Db } from '../store/database';
import type { Database } from '../store/schema';
import { inboxPayload, type Delivery, type IngestResult } from './ingest';
import { DEFAULT_MAX_ATTEMPTS, enqueueJobsBatchPostgres, type NewJob } from './job-store';

interface Waiting {
    delivery: Delivery;
    jobs: readonly NewJob[];
    resolve: (result: IngestResult) => void;
    reject: (err: unknown) => void;
}

/**
 * Group commit for webhook deliveries: deliveries that arrive while a commit is in progress are
 * stored together in the next transaction. Each request still waits for the commit that holds
 * its delivery before it is acknowledged, so nothing is acknowledged that is not stored — but a
 * burst pays for one transaction instead of one per delivery.
 */
export class IngestBatcher {
    private waiting: Waiting[] = [];
    private flushing = false;

    private sqliteBatch?: (batch: Waiting[], now: number) => IngestResult[];

    constructor(
        private readonly db: Db,
        private readonly maxBatch = 256
    ) {}

    submit(delivery: Delivery, jobs: readonly NewJob[]): Promise<IngestResult> {
        return new Promise<IngestResult>((resolve, reject) => {
            this.waiting.push({ delivery, jobs, resolve, reject });
            if (!this.flushing) {
                this.flushing = true;
                // Let the requests already read in this turn of the event loop join the batch.
                setImmediate(() => void this.flush());
            }
        });
    }

    private async flush(): Promise<void> {
        while (this.waiting.length > 0) {
            const batch = this.waiting.splice(0, this.maxBatch);
            try {
                const results = await this.commit(batch);
                batch.forEach((w, i) => w.resolve(results[i]!));
            } catch (err) {
                // The whole batch failed to commit: none of it is acknowledged, each sender retries.
                for (const w of batch) w.reject(err);
            }
        }
        this.flushing = false;
    }

    private async commit(batch: Waiting[]): Promise<IngestResult[]> {
        const sqlite = this.db.sqlite;
        if (sqlite) {
            this.sqliteBatch ??= prepareSqliteBatch(sqlite);
            // Holding Kysely's connection keeps this synchronous transaction out of any other.
            return this.db.kysely.connection().execute(async () => this.sqliteBatch!(batch, Date.now()));
        }
        return this.db.kysely.transaction().execute((trx) => storeBatchPostgres(trx, batch, Date.now()));
    }
}

/**
 * The same rows as {@link storeDelivery} on PostgreSQL, in a few round trips per batch instead of
 * three to five per delivery: one multi-row insert of the inbox rows, then the jobs of the
 * deliveries that were new through {@link enqueueJobsBatchPostgres}. The ingest there waits on
 * round trips to the server far more than on its CPU (see the README's benchmark).
 */
async function storeBatchPostgres(trx: Transaction<Database>, batch: Waiting[], now: number): Promise<IngestResult[]> {
    const inserted = await trx
        .insertInto('inbox')
        .values(batch.map(({ delivery: d }) => ({ source: d.source, event_id: d.eventId, topic: d.topic ?? null, payload: inboxPayload(d), received_at: now, raw_body: d.rawBytes ?? null, subject: d.subject ?? null })))
        .onConflict((oc) => oc.columns(['source', 'event_id']).doNothing())
        .returning(['source', 'event_id'])
        .execute();
    // A delivery sent twice within one batch is stored once: the first is new, the second a duplicate.
    const fresh = new Set(inserted.map((r) => `${r.source}\n${r.event_id}`));
    const stored = batch.map(({ delivery: d }) => fresh.delete(`${d.source}\n${d.eventId}`));
    const queued = batch.flatMap((w, i) => (stored[i] ? w.jobs.map((job) => ({ job, owner: i })) : []));
    const added = await enqueueJobsBatchPostgres(trx, queued.map((q) => q.job), now);
    const counts = batch.map(() => 0);
    queued.forEach((q, k) => {
        if (added[k]) counts[q.owner]! += 1;
    });
    return batch.map((_, i): IngestResult => (stored[i] ? { stored: true, jobs: counts[i]! } : { stored: false, duplicate: true }));
}

/**
 * The same rows as {@link storeDelivery}, with prepared statements in one synchronous SQLite
 * transaction: the ingest hot path, where building and preparing each query costs more than
 * running it.
 */
function prepareSqliteBatch(sqlite: BetterSqlite3.Database): (batch: Waiting[], now: number) => IngestResult[] {
    const insertInbox = sqlite.prepare('insert into inbox (source, event_id, topic, payload, received_at, raw_body, subject) values (?, ?, ?, ?, ?, ?, ?) on conflict (source, event_id) do nothing');
    const insertJob = sqlite.prepare(
        `insert into outbox_jobs (kind, payload, ordering_key, dedupe_key, status, attempts, max_attempts, run_at, created_at, updated_at, head)
         values (?, ?, ?, ?, 'pending', 0, ?, ?, ?, ?, not exists (select 1 from outbox_jobs where ordering_key = ? and head = 1))
         on conflict (dedupe_key) do nothing`
    );
    return sqlite.transaction((batch: Waiting[], now: number) =>
        batch.map(({ delivery, jobs }): IngestResult => {
            const inbox = insertInbox.run(delivery.source, delivery.eventId, delivery.topic ?? null, inboxPayload(delivery), now, delivery.rawBytes ?? null, delivery.subject ?? null);
            if (inbox.changes === 0) return { stored: false, duplicate: true };
            let added = 0;
            for (const job of jobs) {
                added += insertJob.run(job.kind, JSON.stringify(job.payload), job.orderingKey, job.dedupeKey ?? null, job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS, job.runAt ?? now, now, now, job.orderingKey).changes;
            }
            return { stored: true, jobs: added };
        })
    );
}
