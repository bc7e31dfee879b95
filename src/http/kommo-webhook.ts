import type { Server } from 'restify';
import { Counter, type Registry } from 'prom-client';
import { kommoMessageJob } from '../integrations/kommo/message-job';
import { fetchKommoLeadJob } from '../integrations/leads/fetch-jobs';
import { kommoWebhookSchema, parseKommoForm } from '../integrations/kommo/parse-webhook';
import { secretEquals } from '../lib/constant-time';
import { badRequest, forbidden, schemaMismatch, unauthorized } from '../lib/http-error';
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
}

/**
 * `POST /api/webhooks/kommo?token=…`. Thin ingress: check the token (constant time) and the
 * account, parse the form, store each message (deduplicated on Kommo's message id) and each lead
 * event (on lead id + action + time) with its jobs, answer.
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
        const messages = body.message?.add ?? [];
        const leadEvents = [...(body.leads?.add ?? []).map((l) => ({ action: 'add', lead: l })), ...(body.leads?.status ?? []).map((l) => ({ action: 'status', lead: l }))];
        if (messages.length === 0 && leadEvents.length === 0) {
            if (!body.account && Object.keys(form).length === 0) throw badRequest('The body is not a Kommo webhook');
            deliveries.inc({ kind: 'other', outcome: 'ignored' });
            res.send(200, { status: 'ignored', reason: 'no message[add], leads[add] or leads[status] in the body' });
            return;
        }
        let stored = 0;
        let duplicates = 0;
        for (const m of messages) {
            const eventId = `message:${m.id}`;
            const result = await deps.outbox.ingest({ source: 'kommo', eventId, topic: 'message.add', payload: m }, [kommoMessageJob(m.contact_id, eventId)]);
            if (result.stored) stored++;
            else duplicates++;
            deliveries.inc({ kind: 'message', outcome: result.stored ? 'stored' : 'duplicate' });
        }
        for (const { action, lead } of leadEvents) {
            // The same event delivered twice is one row; a lead is read and scored once.
            const eventId = `lead:${lead.id}:${action}:${lead.updated_at ?? lead.last_modified ?? lead.status_id ?? ''}`;
            const result = await deps.outbox.ingest({ source: 'kommo', eventId, topic: `leads.${action}`, payload: lead }, [fetchKommoLeadJob(lead.id)]);
            if (result.stored) stored++;
            else duplicates++;
            deliveries.inc({ kind: 'lead', outcome: result.stored ? 'stored' : 'duplicate' });
        }
        res.send(200, { status: stored > 0 ? 'stored' : 'duplicate', stored, duplicates });
    }));
}
