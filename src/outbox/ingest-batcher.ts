import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { storeDelivery, type Delivery, type IngestResult } from './ingest';
import type { NewJob } from './job-store';

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

    constructor(
        private readonly db: Kysely<Database>,
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
                const results = await this.db.transaction().execute(async (trx) => {
                    const out: IngestResult[] = [];
                    for (const w of batch) out.push(await storeDelivery(trx, w.delivery, w.jobs));
                    return out;
                });
                batch.forEach((w, i) => w.resolve(results[i]!));
            } catch (err) {
                // The whole batch failed to commit: none of it is acknowledged, each sender retries.
                for (const w of batch) w.reject(err);
            }
        }
        this.flushing = false;
    }
}
