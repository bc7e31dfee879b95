import { isUtf8 } from 'node:buffer';
import { schemaMismatch, unauthorized } from '../../lib/http-error';
import type { WebhookIngress } from '../ingress';
import { mirrorEventJob } from './jobs';
import { conversationAtIngressSchema, envelopeSchema, ticketSchema } from './schemas';
import { isConversationTopic, isPing, isTicketTopic } from './topics';
import { verifyIntercomSignature } from './verify';

/**
 * `HEAD|POST /api/webhooks/intercom`: verified with `X-Hub-Signature` on the raw bytes, validated,
 * stored with its mirror job, answered. Nothing slow runs here (Intercom waits 5 s and prefers
 * endpoints that answer within 500 ms); it checks the endpoint with HEAD when configured.
 */
export function intercomIngress(clientSecret: string | undefined): WebhookIngress {
    return {
        source: 'intercom',
        path: '/api/webhooks/intercom',
        head: true,
        authenticate(request) {
            if (!clientSecret) throw unauthorized('Intercom webhooks are disabled: set INTERCOM_CLIENT_SECRET');
            if (!verifyIntercomSignature(request.raw, request.header('x-hub-signature'), clientSecret)) throw unauthorized('Invalid X-Hub-Signature');
        },
        accept(request) {
            const body = request.body;
            const envelope = envelopeSchema.safeParse(body.value);
            if (!envelope.success) throw schemaMismatch(envelope.error.issues);
            const { id, topic } = envelope.data;
            if (isPing(topic)) {
                const eventId = id ?? `ping:${envelope.data.created_at ?? Date.now()}`;
                return { kind: 'ping', deliveries: [{ delivery: { source: 'intercom', eventId, topic, payload: envelope.data, payloadJson: body.text }, jobs: [] }], answer: () => ({ status: 200, body: { status: 'ok' } }) };
            }
            const group = isConversationTopic(topic) ? 'conversation' : isTicketTopic(topic) ? 'ticket' : undefined;
            if (!group) return { kind: 'unsupported', deliveries: [], answer: () => ({ status: 200, body: { status: 'ignored', reason: `topic ${topic} is not handled` } }) };
            if (id === null) throw schemaMismatch([{ path: ['id'], message: 'Expected a notification id' }]);
            const item = (group === 'ticket' ? ticketSchema : conversationAtIngressSchema).safeParse(envelope.data.data.item);
            if (!item.success) throw schemaMismatch(item.error.issues.map((i) => ({ ...i, path: ['data', 'item', ...i.path] })));
            const raw = request.raw;
            return {
                kind: group,
                deliveries: [
                    {
                        delivery: { source: 'intercom', eventId: id, topic, payload: envelope.data, payloadJson: body.text, rawBytes: isUtf8(raw) ? undefined : raw, subject: `intercom:${item.data.id}` },
                        jobs: [mirrorEventJob(item.data.id, id)]
                    }
                ],
                answer: ([result]) => ({ status: 200, body: { status: result?.stored ? 'stored' : 'duplicate' } })
            };
        }
    };
}
