import type { Server } from 'restify';
import { leadExternalKey } from '../integrations/leads/external-key';
import { fetchMetaLeadJob } from '../integrations/leads/fetch-jobs';
import { processLeadJob } from '../integrations/leads/lead-jobs';
import { metaWebhookSchema } from '../integrations/meta/lead-ads';
import { verifyMetaSignature } from '../integrations/meta/verify-signature';
import { leadFromRdStation, rdStationWebhookSchema } from '../integrations/rdstation/map-lead';
import { verifyRdStationSignature } from '../integrations/rdstation/verify-signature';
import { secretEquals } from '../lib/constant-time';
import { forbidden, schemaMismatch, unauthorized } from '../lib/http-error';
import type { Logger } from '../lib/logger';
import type { Outbox } from '../outbox/index';
import { parseJson } from './json-body';
import { rawBodyOf } from './raw-body';
import { route } from './route';

export interface LeadWebhookDeps {
    meta: { verifyToken?: string; appSecret?: string };
    rdStationSecret?: string;
    outbox: Outbox;
    logger: Logger;
}

/**
 * Lead webhooks: Meta Lead Ads (`GET` handshake with `hub.verify_token`, `POST` signed with
 * `X-Hub-Signature-256`; each `leadgen_id` is read from the Graph API in a job) and RD Station
 * (`X-RD-Signature: sha256=<hex>`; leads mapped from the body).
 */
export function registerLeadWebhooks(server: Server, deps: LeadWebhookDeps): void {
    server.get('/api/webhooks/meta', route(deps.logger, async (req, res) => {
        const q = (req.query ?? {}) as Record<string, unknown>;
        const token = typeof q['hub.verify_token'] === 'string' ? q['hub.verify_token'] : undefined;
        if (q['hub.mode'] !== 'subscribe' || !deps.meta.verifyToken || !secretEquals(token, deps.meta.verifyToken)) throw forbidden('hub.verify_token does not match META_VERIFY_TOKEN');
        res.setHeader('content-type', 'text/plain');
        res.sendRaw(200, String(q['hub.challenge'] ?? ''));
    }));

    server.post('/api/webhooks/meta', route(deps.logger, async (req, res) => {
        if (!deps.meta.appSecret) throw unauthorized('Meta webhooks are disabled: set META_APP_SECRET');
        if (!verifyMetaSignature(rawBodyOf(req), req.header('x-hub-signature-256'), deps.meta.appSecret)) throw unauthorized('Invalid X-Hub-Signature-256');
        const parsed = metaWebhookSchema.safeParse(parseJson(req));
        if (!parsed.success) throw schemaMismatch(parsed.error.issues);
        let stored = 0;
        for (const change of parsed.data.entry.flatMap((e) => e.changes).filter((c) => c.field === 'leadgen')) {
            const id = change.value.leadgen_id;
            const result = await deps.outbox.ingest({ source: 'meta', eventId: `leadgen:${id}`, topic: 'leadgen', payload: change.value }, [fetchMetaLeadJob(id)]);
            if (result.stored) stored++;
        }
        res.send(200, { status: 'ok', stored });
    }));

    server.post('/api/webhooks/rdstation', route(deps.logger, async (req, res) => {
        if (!deps.rdStationSecret) throw unauthorized('RD Station webhooks are disabled: set RDSTATION_WEBHOOK_SECRET');
        if (!verifyRdStationSignature(rawBodyOf(req), req.header('x-rd-signature'), deps.rdStationSecret)) throw unauthorized('Invalid X-RD-Signature');
        const parsed = rdStationWebhookSchema.safeParse(parseJson(req));
        if (!parsed.success) throw schemaMismatch(parsed.error.issues);
        const mapped = parsed.data.leads.map(leadFromRdStation);
        // All or nothing: a bad lead refuses the delivery before any is stored.
        const unreachable = mapped.flatMap((lead, i) => (lead.email || lead.phone ? [] : [{ path: ['leads', i, 'email'], message: 'a lead needs a valid email or phone' }]));
        if (unreachable.length > 0) throw schemaMismatch(unreachable);
        let stored = 0;
        for (const lead of mapped) {
            const key = leadExternalKey('rdstation', lead);
            const result = await deps.outbox.ingest({ source: 'rdstation', eventId: key, topic: 'conversion', payload: lead }, [processLeadJob(key, lead)]);
            if (result.stored) stored++;
        }
        res.send(200, { status: 'ok', stored });
    }));
}
