import type { Request, Response, Server } from 'restify';
import { Counter, type Registry } from 'prom-client';
import type { WebhookIngress } from '../integrations/ingress';
import type { Logger } from '../lib/logger';
import type { Outbox } from '../outbox/index';
import type { IngestResult } from '../outbox/ingest';
import { route } from './route';
import { RestifyWebhookRequest } from './webhook-request';

/**
 * Mounts a vendor's webhook ({@link WebhookIngress}, in its integration folder): reads the bounded
 * raw body, lets the vendor authenticate it and say what it means, stores the deliveries with
 * their jobs before answering (one delivery through the group-committing batcher, several in
 * one transaction), and counts outcomes in `counter` (`kind`, `outcome` labels).
 */
export function mountWebhook(server: Server, ingress: WebhookIngress, deps: { outbox: Outbox; logger: Logger; counter?: Counter<'topic' | 'outcome'>; skipped?: Counter<'source' | 'reason'> }): void {
    if (ingress.head) {
        server.head(ingress.path, (_req: Request, res: Response, next: () => void) => {
            res.send(200);
            next();
        });
    }
    server.post(ingress.path, route(deps.logger, async (req, res) => {
        const request = new RestifyWebhookRequest(req);
        ingress.authenticate(request);
        const outcome = ingress.accept(request, (reason, detail) => {
            deps.skipped?.inc({ source: ingress.source, reason });
            deps.logger.warn({ reason, ...detail }, `${ingress.source}: webhook item skipped`);
        });
        let results: IngestResult[] = [];
        if (outcome.deliveries.length === 1) {
            const only = outcome.deliveries[0]!;
            results = [await deps.outbox.ingest(only.delivery, only.jobs)];
        } else if (outcome.deliveries.length > 1) {
            results = await deps.outbox.ingestAll(outcome.deliveries);
        }
        deps.counter?.inc({ topic: outcome.kind, outcome: outcome.deliveries.length === 0 ? 'ignored' : results.some((r) => r.stored) ? 'stored' : 'duplicate' });
        const answer = outcome.answer(results);
        res.send(answer.status, answer.body);
    }));
}

/** The counter of a vendor's deliveries by kind and outcome (e.g. `deskbridge_intercom_webhooks_total`). */
export function webhookCounter(registry: Registry, name: string, help: string): Counter<'topic' | 'outcome'> {
    return new Counter({ name, help, labelNames: ['topic', 'outcome'], registers: [registry] });
}
