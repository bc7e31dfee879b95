import type { Server } from 'restify';
import type { Counter } from 'prom-client';
import { leadExternalKey } from '../flows/leads/external-key';
import { fetchMetaLeadJob } from '../flows/leads/fetch-jobs';
import { processLeadJob } from '../flows/leads/lead-jobs';
import { metaChangeValueSchema, metaWebhookSchema } from '../integrations/meta/lead-ads';
import { verifyMetaSignature } from '../integrations/meta/verify-signature';
import { rdStationItems, rdStationWebhookSchema } from '../integrations/rdstation/map-lead';
import { secretEquals } from '../lib/constant-time';
import { forbidden, HttpError, schemaMismatch, unauthorized } from '../lib/http-error';
import type { Logger } from '../lib/logger';
import type { Outbox } from '../outbox/index';
import { parseJson } from './json-body';
import { rawBodyOf } from './raw-body';
import { route } from './route';

/** The most leads (Meta changes, RD Station leads) one delivery may carry; more is a 413. */
export const MAX_LEADS_PER_DELIVERY = 1000;

export interface LeadWebhookDeps {
    meta: { verifyToken?: string; appSecret?: string };
    /** `RDSTATION_WEBHOOK_TOKEN`: RD signs nothing, so the webhook URL carries this secret. */
    rdStationToken?: string;
    outbox: Outbox;
    logger: Logger;
    skipped: Counter<'source' | 'reason'>;
}

const tooMany = (what: string, n: number) => new HttpError(413, 'too_many_items', `A delivery may carry at most ${MAX_LEADS_PER_DELIVERY} ${what}; this one has ${n}`);

/**
 * Lead webhooks: Meta Lead Ads (`GET` handshake with `hub.verify_token`, `POST` signed with
 * `X-Hub-Signature-256`; each `leadgen` change's `leadgen_id` is read from the Graph API in a
 * job, other changes are skipped) and RD Station (`?token=` in the URL, compared in constant time;
 * both of RD's payload formats). A delivery's leads are stored in one transaction.
 */
export function registerLeadWebhooks(server: Server, deps: LeadWebhookDeps): void {
    server.get('/api/webhooks/meta', route(deps.logger, async (req, res) => {
        const q = (req.query ?? {}) as Record<string, unknown>;
        const token = typeof q['hub.verify_token'] === 'string' ? q['hub.verify_token'] : undefined;
        if (q['hub.mode'] !== 'subscribe' || !deps.meta.verifyToken || !secretEquals(token, deps.meta.verifyToken)) throw forbidden('hub.verify_token does not match META_VERIFY_TOKEN');
        const challenge = typeof q['hub.challenge'] === 'string' ? q['hub.challenge'] : '';
        // Meta's challenge is a number; anything else is not echoed (the answer is text/plain, but a browser may sniff).
        if (!/^[A-Za-z0-9_-]{0,256}$/.test(challenge)) throw new HttpError(400, 'malformed_request', 'hub.challenge must be a short token');
        res.setHeader('content-type', 'text/plain');
        res.sendRaw(200, challenge);
    }));

    server.post('/api/webhooks/meta', route(deps.logger, async (req, res) => {
        if (!deps.meta.appSecret) throw unauthorized('Meta webhooks are disabled: set META_APP_SECRET');
        if (!verifyMetaSignature(rawBodyOf(req), req.header('x-hub-signature-256'), deps.meta.appSecret)) throw unauthorized('Invalid X-Hub-Signature-256');
        const parsed = metaWebhookSchema.safeParse(parseJson(req));
        if (!parsed.success) throw schemaMismatch(parsed.error.issues);
        const changes = parsed.data.entry.flatMap((e, entry) => e.changes.map((c, change) => ({ ...c, path: ['entry', entry, 'changes', change] })));
        if (changes.length > MAX_LEADS_PER_DELIVERY) throw tooMany('changes', changes.length);
        // A Page subscription can deliver other fields too: only `leadgen` changes are leads.
        const leads: Array<{ id: string; value: unknown }> = [];
        for (const change of changes) {
            if (change.field !== 'leadgen') {
                deps.skipped.inc({ source: 'meta', reason: 'other_field' });
                continue;
            }
            const value = metaChangeValueSchema.safeParse(change.value);
            if (!value.success) {
                deps.skipped.inc({ source: 'meta', reason: 'invalid' });
                deps.logger.warn({ path: change.path.join('.'), detail: value.error.issues[0]?.message }, 'meta: leadgen change skipped');
                continue;
            }
            leads.push({ id: value.data.leadgen_id, value: value.data });
        }
        const results = await deps.outbox.ingestAll(leads.map((l) => ({ delivery: { source: 'meta', eventId: `leadgen:${l.id}`, topic: 'leadgen', payload: l.value }, jobs: [fetchMetaLeadJob(l.id)] })));
        res.send(200, { status: 'ok', stored: results.filter((r) => r.stored).length, skipped: changes.length - leads.length });
    }));

    server.post('/api/webhooks/rdstation', route(deps.logger, async (req, res) => {
        if (!deps.rdStationToken) throw unauthorized('RD Station webhooks are disabled: set RDSTATION_WEBHOOK_TOKEN');
        const token = typeof req.query?.token === 'string' ? req.query.token : undefined;
        if (!secretEquals(token, deps.rdStationToken)) throw unauthorized('Missing or invalid token');
        const parsed = rdStationWebhookSchema.safeParse(parseJson(req));
        if (!parsed.success) throw schemaMismatch([{ path: ['(body)'], message: 'must be an RD Station webhook: {"leads":[…]} or {"event_type":…, "contact":{…}}' }]);
        if ('leads' in parsed.data && parsed.data.leads.length > MAX_LEADS_PER_DELIVERY) throw tooMany('leads', parsed.data.leads.length);
        const items = rdStationItems(parsed.data);
        const problems: Array<{ path: string[]; message: string }> = [];
        const usable = items.flatMap((item) => {
            if (!item.lead) problems.push({ path: [`lead ${item.index}`], message: item.problem ?? 'invalid' });
            else if (!item.lead.email && !item.lead.phone) problems.push({ path: [`lead ${item.index}`, 'email'], message: 'a lead needs a valid email or phone' });
            else return [item.lead];
            return [];
        });
        // Nothing usable: the sender is told what is wrong. Some usable: those are stored, the rest counted.
        if (usable.length === 0) throw schemaMismatch(problems);
        for (const problem of problems) {
            deps.skipped.inc({ source: 'rdstation', reason: 'invalid' });
            deps.logger.warn({ field: problem.path.join('.'), detail: problem.message }, 'rdstation: lead skipped');
        }
        const results = await deps.outbox.ingestAll(
            usable.map((lead) => {
                const key = leadExternalKey('rdstation', lead);
                return { delivery: { source: 'rdstation', eventId: key, topic: 'conversion', payload: lead }, jobs: [processLeadJob(key, lead)] };
            })
        );
        res.send(200, { status: 'ok', stored: results.filter((r) => r.stored).length, skipped: problems.length });
    }));
}
