import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** The process's metrics registry and the HTTP metrics every route records. */
export interface Metrics {
    readonly registry: Registry;
    readonly httpRequests: Counter<'method' | 'route' | 'status'>;
    readonly httpDuration: Histogram<'method' | 'route'>;
    /** Items of a multi-item webhook that could not be used (the rest of the delivery was stored). */
    readonly webhookItemsSkipped: Counter<'source' | 'reason'>;
}

/** A registry of its own per server, so that several servers in one test process do not collide. */
export function createMetrics(): Metrics {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    return {
        registry,
        httpRequests: new Counter({
            name: 'deskbridge_http_requests_total',
            help: 'HTTP requests by route and status',
            labelNames: ['method', 'route', 'status'],
            registers: [registry]
        }),
        httpDuration: new Histogram({
            name: 'deskbridge_http_request_duration_seconds',
            help: 'HTTP request latency by route',
            labelNames: ['method', 'route'],
            buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
            registers: [registry]
        }),
        webhookItemsSkipped: new Counter({
            name: 'deskbridge_webhook_items_skipped_total',
            help: 'Webhook items skipped because they could not be used, by source and reason',
            labelNames: ['source', 'reason'],
            registers: [registry]
        })
    };
}
