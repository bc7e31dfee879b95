import { Counter, Gauge, type Registry } from 'prom-client';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import type { PeerCircuitState } from './circuit-breakers';
import { queueStats } from './job-store';

/** Outbox and peer metrics, registered on the server's registry. */
export interface OutboxMetrics {
    processed: Counter<'kind' | 'outcome'>;
    attempts: Counter<'kind'>;
    throttled: Counter<'peer'>;
    /** Time the worker paused to let a burst of webhooks be acknowledged first. */
    burstPauseSeconds: Counter;
    circuitChanged(peer: string, state: PeerCircuitState): void;
}

const CIRCUIT_VALUE: Record<PeerCircuitState, number> = { closed: 0, half_open: 1, open: 2 };

/** Creates the counters and the gauges read from the database at scrape time. */
export function createOutboxMetrics(registry: Registry, db: Kysely<Database>): OutboxMetrics {
    const circuit = new Gauge({ name: 'deskbridge_peer_circuit_state', help: 'Circuit breaker per peer: 0 closed, 1 half-open, 2 open', labelNames: ['peer'], registers: [registry] });
    // Both gauges are collected together at each scrape: they share one read of the queue.
    let reading: ReturnType<typeof queueStats> | undefined;
    const readQueue = () => {
        reading ??= queueStats(db).finally(() => {
            reading = undefined;
        });
        return reading;
    };
    new Gauge({
        name: 'deskbridge_outbox_jobs',
        help: 'Outbox jobs by status',
        labelNames: ['status'],
        registers: [registry],
        async collect() {
            const { counts } = await readQueue();
            for (const [status, n] of Object.entries(counts)) this.set({ status }, n);
        }
    });
    new Gauge({
        name: 'deskbridge_outbox_oldest_pending_age_seconds',
        help: 'Age of the oldest due job not yet done',
        registers: [registry],
        async collect() {
            this.set((await readQueue()).oldestPendingAgeMs / 1000);
        }
    });
    return {
        processed: new Counter({ name: 'deskbridge_outbox_jobs_processed_total', help: 'Job runs by kind and outcome (done, retry, dead, deferred)', labelNames: ['kind', 'outcome'], registers: [registry] }),
        attempts: new Counter({ name: 'deskbridge_outbox_attempts_total', help: 'Job attempts by kind', labelNames: ['kind'], registers: [registry] }),
        throttled: new Counter({ name: 'deskbridge_peer_throttled_total', help: '429 answers received by peer', labelNames: ['peer'], registers: [registry] }),
        burstPauseSeconds: new Counter({ name: 'deskbridge_outbox_burst_pause_seconds_total', help: 'Time the worker paused so that a burst of webhooks was acknowledged first', registers: [registry] }),
        circuitChanged(peer, state) {
            circuit.set({ peer }, CIRCUIT_VALUE[state]);
        }
    };
}
