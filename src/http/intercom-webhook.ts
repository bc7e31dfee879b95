import { isUtf8 } from 'node:buffer';
import type { Request, Response, Server } from 'restify';
import { Counter, type Registry } from 'prom-client';
import { conversationAtIngressSchema, envelopeSchema, ticketSchema } from '../integrations/intercom/schemas';
import { isConversationTopic, isPing, isTicketTopic } from '../integrations/intercom/topics';
import { mirrorEventJob } from '../integrations/intercom/mirror-job';
import { verifyIntercomSignature } from '../integrations/intercom/verify-signature';
import { schemaMismatch, unauthorized } from '../lib/http-error';
import type { Logger } from '../lib/logger';
import type { Outbox } from '../outbox/index';
import { jsonBody } from './json-body';
import { rawBodyOf } from './raw-body';
import { route } from './route';

export interface IntercomWebhookDeps {
    clientSecret: string | undefined;
    outbox: Outbox;
    logger: Logger;
    registry: Registry;
}

/**
 * `HEAD|POST /api/webhooks/intercom`. Thin ingress: verify the signature on the raw bytes,
 * validate, store the delivery with its jobs in one transaction, answer. Nothing slow runs here
 * (Intercom waits 5 s and prefers endpoints that answer within 500 ms).
 */
export function registerIntercomWebhook(server: Server, deps: IntercomWebhookDeps): void {
    const deliveries = new Counter({ name: 'deskbridge_intercom_webhooks_total', help: 'Intercom deliveries by topic group and outcome', labelNames: ['topic', 'outcome'], registers: [deps.registry] });

    // Intercom checks the endpoint with HEAD when the webhook is configured.
    server.head('/api/webhooks/intercom', (_req: Request, res: Response, next: () => void) => {
        res.send(200);
        next();
    });

    server.post('/api/webhooks/intercom', route(deps.logger, async (req, res) => {
        if (!deps.clientSecret) throw unauthorized('Intercom webhooks are disabled: set INTERCOM_CLIENT_SECRET');
        const raw = rawBodyOf(req);
        if (!verifyIntercomSignature(raw, req.header('x-hub-signature'), deps.clientSecret)) throw unauthorized('Invalid X-Hub-Signature');
        const body = jsonBody(req);
        const envelope = envelopeSchema.safeParse(body.value);
        if (!envelope.success) throw schemaMismatch(envelope.error.issues);
        const { id, topic } = envelope.data;

        if (isPing(topic)) {
            const eventId = id ?? `ping:${envelope.data.created_at ?? Date.now()}`;
            await deps.outbox.ingest({ source: 'intercom', eventId, topic, payload: envelope.data, payloadJson: body.text }, []);
            deliveries.inc({ topic: 'ping', outcome: 'stored' });
            res.send(200, { status: 'ok' });
            return;
        }
        const group = isConversationTopic(topic) ? 'conversation' : isTicketTopic(topic) ? 'ticket' : undefined;
        if (!group) {
            deliveries.inc({ topic: 'unsupported', outcome: 'ignored' });
            res.send(200, { status: 'ignored', reason: `topic ${topic} is not handled` });
            return;
        }
        if (id === null) throw schemaMismatch([{ path: ['id'], message: 'Expected a notification id' }]);
        const item = (group === 'ticket' ? ticketSchema : conversationAtIngressSchema).safeParse(envelope.data.data.item);
        if (!item.success) throw schemaMismatch(item.error.issues.map((i) => ({ ...i, path: ['data', 'item', ...i.path] })));
        const result = await deps.outbox.ingest(
            { source: 'intercom', eventId: id, topic, payload: envelope.data, payloadJson: body.text, rawBytes: isUtf8(raw) ? undefined : raw, subject: `intercom:${item.data.id}` },
            [mirrorEventJob(item.data.id, id)]
        );
        deliveries.inc({ topic: group, outcome: result.stored ? 'stored' : 'duplicate' });
        res.send(200, { status: result.stored ? 'stored' : 'duplicate' });
    }));
}
