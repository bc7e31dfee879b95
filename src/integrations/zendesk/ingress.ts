import { isUtf8 } from 'node:buffer';
import { schemaMismatch, unauthorized } from '../../lib/http-error';
import type { WebhookIngress } from '../ingress';
import { ticketJob } from './jobs';
import { eventEnvelopeSchema, TICKET_EVENT_TYPES, triggerBodySchema } from './schemas';
import { verifyZendeskSignature } from './verify';

/** The topic a trigger-based webhook is stored under (its body names only the ticket). */
export const TRIGGER_TOPIC = 'trigger.ticket';

const TICKET_SUBJECT = /^zen:ticket:(\d{1,16})$/;

/** Whether an event type is a ticket event Deskbridge mirrors. */
const isTicketEvent = (type: string): boolean => (TICKET_EVENT_TYPES as readonly string[]).includes(type.replace(/^zen:event-type:/, ''));

/**
 * `POST /api/webhooks/zendesk`: verified with `X-Zendesk-Webhook-Signature` over the signature
 * timestamp and the raw bytes, in constant time; deduplicated by the event `id`. Ticket event
 * webhooks and trigger webhooks (a JSON body naming `{{ticket.id}}`) are both notifications:
 * stored with one job that reads the ticket from Zendesk's API, then answered.
 */
export function zendeskIngress(secret: string | undefined): WebhookIngress {
    return {
        source: 'zendesk',
        path: '/api/webhooks/zendesk',
        authenticate(request) {
            if (!secret) throw unauthorized('Zendesk webhooks are disabled: set ZENDESK_WEBHOOK_SECRET');
            const check = verifyZendeskSignature(request.raw, request.header('x-zendesk-webhook-signature'), request.header('x-zendesk-webhook-signature-timestamp'), secret);
            if (!check.ok) throw unauthorized(check.reason);
        },
        accept(request) {
            const value = request.body.value;
            const raw = request.raw;
            const stored = (eventId: string, topic: string, ticketId: string) => ({
                delivery: { source: 'zendesk', eventId, topic, payload: value, payloadJson: request.body.text, rawBytes: isUtf8(raw) ? undefined : raw, subject: `zendesk:${ticketId}` },
                jobs: [ticketJob(ticketId, eventId)]
            });
            const answer = ([result]: ReadonlyArray<{ stored: boolean }>) => ({ status: 200, body: { status: result?.stored ? 'stored' : 'duplicate' } });
            if (value && typeof value === 'object' && 'deskbridge_trigger' in value) {
                const trigger = triggerBodySchema.safeParse(value);
                if (!trigger.success) throw schemaMismatch(trigger.error.issues);
                // One delivery per ticket state: a trigger firing twice for the same update is a duplicate.
                return { kind: 'trigger', deliveries: [stored(`trigger:${trigger.data.ticket_id}:${trigger.data.updated_at}`, TRIGGER_TOPIC, trigger.data.ticket_id)], answer };
            }
            const envelope = eventEnvelopeSchema.safeParse(value);
            if (!envelope.success) throw schemaMismatch(envelope.error.issues);
            const { type, id, subject, detail } = envelope.data;
            if (!isTicketEvent(type)) return { kind: 'unsupported', deliveries: [], answer: () => ({ status: 200, body: { status: 'ignored', reason: `event type ${type} is not handled` } }) };
            const ticketId = TICKET_SUBJECT.exec(subject)?.[1];
            if (!ticketId) throw schemaMismatch([{ path: ['subject'], message: 'Expected zen:ticket:<id>' }]);
            if (ticketId !== detail.id) throw schemaMismatch([{ path: ['detail', 'id'], message: `Expected the ticket of the subject (${ticketId})` }]);
            return { kind: type.replace(/^zen:event-type:ticket\./, ''), deliveries: [stored(id, type.replace(/^zen:event-type:/, ''), ticketId)], answer };
        }
    };
}
