import { badRequest, forbidden, HttpError, schemaMismatch, unauthorized } from '../../lib/http-error';
import type { Delivery } from '../../outbox/ingest';
import type { NewJob } from '../../outbox/job-store';
import type { WebhookIngress } from '../ingress';
import { countKommoItems, kommoLeadEventSchema, kommoMessageSchema, kommoWebhookSchema, MAX_KOMMO_ITEMS, parseKommoForm, parseKommoItems } from './schemas';
import { isOwnAccount, verifyKommoToken } from './verify';

export interface KommoIngressOptions {
    webhookToken: string | undefined;
    accountId: string | undefined;
    /**
     * Kommo's webhook feeds two flows, which hand their jobs in: a chat message goes to the
     * WhatsApp flow, a lead event to the leads flow.
     */
    messageJobs: (contactId: string, eventId: string) => NewJob[];
    leadJobs: (leadId: string) => NewJob[];
}

/**
 * `POST /api/webhooks/kommo?token=…` (form-encoded). The token is checked in constant time, then
 * the account; each item stands on its own: every valid message (deduplicated on Kommo's message
 * id) and lead event (on lead id + action + time) is stored with its jobs in one transaction; an
 * item that cannot be used is skipped, counted and logged, and the authentic form still answers
 * 200 — Kommo switches off a hook after more than 100 non-2xx answers in two hours.
 */
export function kommoIngress(options: KommoIngressOptions): WebhookIngress {
    return {
        source: 'kommo',
        path: '/api/webhooks/kommo',
        authenticate(request) {
            if (!options.webhookToken) throw unauthorized('Kommo webhooks are disabled: set KOMMO_WEBHOOK_TOKEN');
            if (!verifyKommoToken(request.query.token, options.webhookToken)) throw unauthorized('Missing or invalid token');
        },
        accept(request, skip) {
            const form = parseKommoForm(request.form);
            const parsed = kommoWebhookSchema.safeParse(form);
            if (!parsed.success) throw schemaMismatch(parsed.error.issues);
            const body = parsed.data;
            if (!isOwnAccount(body.account?.id, options.accountId)) throw forbidden('This webhook is for another Kommo account');
            const count = countKommoItems(body);
            if (count > MAX_KOMMO_ITEMS) throw new HttpError(413, 'too_many_items', `A Kommo webhook may carry at most ${MAX_KOMMO_ITEMS} items; this one has ${count}`);

            const messages = parseKommoItems('message.add', body.message?.add, kommoMessageSchema);
            const added = parseKommoItems('leads.add', body.leads?.add, kommoLeadEventSchema);
            const status = parseKommoItems('leads.status', body.leads?.status, kommoLeadEventSchema);
            const skipped = [...messages.skipped, ...added.skipped, ...status.skipped];
            const deliveries: Array<{ delivery: Delivery; jobs: readonly NewJob[] }> = [];
            messages.items.forEach((m, index) => {
                if (!m.contact_id) {
                    skipped.push({ kind: 'message.add', index, reason: 'no_contact', detail: 'no contact_id, and the chat is not attached to a contact (element_type=1)' });
                    return;
                }
                const eventId = `message:${m.id}`;
                deliveries.push({ delivery: { source: 'kommo', eventId, topic: 'message.add', payload: m }, jobs: options.messageJobs(m.contact_id, eventId) });
            });
            for (const [action, list] of [['add', added.items], ['status', status.items]] as const) {
                for (const lead of list) {
                    // The same event delivered twice is one row; a lead is read and scored once.
                    const eventId = `lead:${lead.id}:${action}:${lead.updated_at ?? lead.last_modified ?? lead.status_id ?? ''}`;
                    deliveries.push({ delivery: { source: 'kommo', eventId, topic: `leads.${action}`, payload: lead }, jobs: options.leadJobs(lead.id) });
                }
            }
            for (const item of skipped) skip(item.reason, { kind: item.kind, index: item.index, detail: item.detail });
            if (deliveries.length === 0) {
                if (!body.account && Object.keys(form).length === 0) throw badRequest('The body is not a Kommo webhook');
                const reason = skipped.length > 0 ? 'no usable item' : 'no message[add], leads[add] or leads[status] in the body';
                return { kind: 'other', deliveries, answer: () => ({ status: 200, body: { status: 'ignored', reason, stored: 0, duplicates: 0, skipped: skipped.length } }) };
            }
            const kind = deliveries.every((d) => d.delivery.topic === 'message.add') ? 'message' : deliveries.every((d) => d.delivery.topic !== 'message.add') ? 'lead' : 'mixed';
            return {
                kind,
                deliveries,
                answer: (results) => {
                    const stored = results.filter((r) => r.stored).length;
                    return { status: 200, body: { status: stored > 0 ? 'stored' : 'duplicate', stored, duplicates: results.length - stored, skipped: skipped.length } };
                }
            };
        }
    };
}
