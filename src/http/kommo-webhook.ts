import type { Server } from 'restify';
import { Counter, type Registry } from 'prom-client';
import { kommoMessageJob } from '../integrations/kommo/message-job';
import { fetchKommoLeadJob } from '../flows/leads/fetch-jobs';
import { countKommoItems, kommoLeadEventSchema, kommoMessageSchema, kommoWebhookSchema, MAX_KOMMO_ITEMS, parseKommoForm, parseKommoItems } from '../integrations/kommo/parse-webhook';
import { secretEquals } from '../lib/constant-time';
import { badRequest, forbidden, HttpError, schemaMismatch, unauthorized } from '../lib/http-error';
import type { Delivery } from '../outbox/ingest';
import type { NewJob } from '../outbox/job-store';
import type { Logger } from '../lib/logger';
import type { Outbox } from '../outbox/index';
import { formText } from './form-body';
import { route } from './route';

export interface KommoWebhookDeps {
    webhookToken: string | undefined;
    accountId: string | undefined;
    outbox: Outbox;
    logger: Logger;
    registry: Registry;
    /** Counts the items skipped (`deskbridge_webhook_items_skipped_total`). */
    skipped: Counter<'source' | 'reason'>;
}

/**
 * `POST /api/webhooks/kommo?token=…`. Thin ingress: check the token (constant time) and the
 * account, parse the form, then each item on its own: every valid message (deduplicated on
 * Kommo's message id) and lead event (on lead id + action + time) is stored with its jobs in one
 * transaction; an item that cannot be used is skipped, counted and logged, and the authentic form
 * still answers 200 — Kommo switches off a hook after more than 100 non-2xx answers in two hours.
 */
export function registerKommoWebhook(server: Server, deps: KommoWebhookDeps): void {
    const deliveries = new Counter({ name: 'deskbridge_kommo_webhooks_total', help: 'Kommo webhook items by kind and outcome', labelNames: ['kind', 'outcome'], registers: [deps.registry] });

    server.post('/api/webhooks/kommo', route(deps.logger, async (req, res) => {
        if (!deps.webhookToken) throw unauthorized('Kommo webhooks are disabled: set KOMMO_WEBHOOK_TOKEN');
        const token = typeof req.query?.token === 'string' ? req.query.token : undefined;
        if (!secretEquals(token, deps.webhookToken)) throw unauthorized('Missing or invalid token');
        const form = parseKommoForm(formText(req));
        const parsed = kommoWebhookSchema.safeParse(form);
        if (!parsed.success) throw schemaMismatch(parsed.error.issues);
        const body = parsed.data;
        if (deps.accountId && body.account?.id !== deps.accountId) throw forbidden('This webhook is for another Kommo account');
        const count = countKommoItems(body);
        if (count > MAX_KOMMO_ITEMS) throw new HttpError(413, 'too_many_items', `A Kommo webhook may carry at most ${MAX_KOMMO_ITEMS} items; this one has ${count}`);

        const messages = parseKommoItems('message.add', body.message?.add, kommoMessageSchema);
        const added = parseKommoItems('leads.add', body.leads?.add, kommoLeadEventSchema);
        const status = parseKommoItems('leads.status', body.leads?.status, kommoLeadEventSchema);
        const skipped = [...messages.skipped, ...added.skipped, ...status.skipped];
        const items: Array<{ kind: 'message' | 'lead'; delivery: Delivery; jobs: NewJob[] }> = [];
        messages.items.forEach((m, index) => {
            if (!m.contact_id) {
                skipped.push({ kind: 'message.add', index, reason: 'no_contact', detail: 'no contact_id, and the chat is not attached to a contact (element_type=1)' });
                return;
            }
            const eventId = `message:${m.id}`;
            items.push({ kind: 'message', delivery: { source: 'kommo', eventId, topic: 'message.add', payload: m }, jobs: [kommoMessageJob(m.contact_id, eventId)] });
        });
        for (const [action, list] of [['add', added.items], ['status', status.items]] as const) {
            for (const lead of list) {
                // The same event delivered twice is one row; a lead is read and scored once.
                const eventId = `lead:${lead.id}:${action}:${lead.updated_at ?? lead.last_modified ?? lead.status_id ?? ''}`;
                items.push({ kind: 'lead', delivery: { source: 'kommo', eventId, topic: `leads.${action}`, payload: lead }, jobs: [fetchKommoLeadJob(lead.id)] });
            }
        }
        for (const item of skipped) {
            deps.skipped.inc({ source: 'kommo', reason: item.reason });
            deps.logger.warn({ kind: item.kind, index: item.index, reason: item.reason, detail: item.detail }, 'kommo: webhook item skipped');
        }
        if (items.length === 0) {
            if (!body.account && Object.keys(form).length === 0) throw badRequest('The body is not a Kommo webhook');
            deliveries.inc({ kind: 'other', outcome: 'ignored' });
            res.send(200, { status: 'ignored', reason: skipped.length > 0 ? 'no usable item' : 'no message[add], leads[add] or leads[status] in the body', stored: 0, duplicates: 0, skipped: skipped.length });
            return;
        }
        const results = await deps.outbox.ingestAll(items);
        let stored = 0;
        results.forEach((result, i) => {
            if (result.stored) stored++;
            deliveries.inc({ kind: items[i]!.kind, outcome: result.stored ? 'stored' : 'duplicate' });
        });
        res.send(200, { status: stored > 0 ? 'stored' : 'duplicate', stored, duplicates: results.length - stored, skipped: skipped.length });
    }));
}
