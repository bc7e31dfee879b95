import { metaChangeValueSchema, metaWebhookSchema } from '../../integrations/meta/schemas';
import { verifyMetaSignature } from '../../integrations/meta/verify';
import { rdStationItems } from '../../integrations/rdstation/normalize';
import { rdStationWebhookSchema } from '../../integrations/rdstation/schemas';
import type { WebhookIngress } from '../../integrations/ingress';
import { apiKeyMatches, apiKeysConfigured } from '../../lib/api-keys';
import { verifyRdStationToken } from '../../integrations/rdstation/verify';
import { normalizeJsonLead } from '../../domain/normalize-lead';
import { HttpError, schemaMismatch, unauthorized } from '../../lib/http-error';
import { leadExternalKey } from './external-key';
import { fetchMetaLeadJob } from './fetch-jobs';
import { processLeadJob } from './lead-jobs';

/** The most leads (Meta changes, RD Station leads) one delivery may carry; more is a 413. */
export const MAX_LEADS_PER_DELIVERY = 1000;

const tooMany = (what: string, n: number) => new HttpError(413, 'too_many_items', `A delivery may carry at most ${MAX_LEADS_PER_DELIVERY} ${what}; this one has ${n}`);

/**
 * `POST /api/webhooks/meta`, signed with `X-Hub-Signature-256` (the app secret): each `leadgen`
 * change's `leadgen_id` is stored and read from the Graph API in a job; other fields a Page
 * subscription delivers are skipped. (The `GET` handshake is in src/http/lead-webhooks.ts.)
 */
export function metaLeadsIngress(appSecret: string | undefined): WebhookIngress {
    return {
        source: 'meta',
        path: '/api/webhooks/meta',
        authenticate(request) {
            if (!appSecret) throw unauthorized('Meta webhooks are disabled: set META_APP_SECRET');
            if (!verifyMetaSignature(request.raw, request.header('x-hub-signature-256'), appSecret)) throw unauthorized('Invalid X-Hub-Signature-256');
        },
        accept(request, skip) {
            const parsed = metaWebhookSchema.safeParse(request.body.value);
            if (!parsed.success) throw schemaMismatch(parsed.error.issues);
            const changes = parsed.data.entry.flatMap((e, entry) => e.changes.map((c, change) => ({ ...c, path: ['entry', entry, 'changes', change] })));
            if (changes.length > MAX_LEADS_PER_DELIVERY) throw tooMany('changes', changes.length);
            const leads: Array<{ id: string; value: unknown }> = [];
            for (const change of changes) {
                if (change.field !== 'leadgen') {
                    skip('other_field');
                    continue;
                }
                const value = metaChangeValueSchema.safeParse(change.value);
                if (!value.success) {
                    skip('invalid', { path: change.path.join('.'), detail: value.error.issues[0]?.message });
                    continue;
                }
                leads.push({ id: value.data.leadgen_id, value: value.data });
            }
            return {
                kind: 'leadgen',
                deliveries: leads.map((l) => ({ delivery: { source: 'meta', eventId: `leadgen:${l.id}`, topic: 'leadgen', payload: l.value }, jobs: [fetchMetaLeadJob(l.id)] })),
                answer: (results) => ({ status: 200, body: { status: 'ok', stored: results.filter((r) => r.stored).length, skipped: changes.length - leads.length } })
            };
        }
    };
}

/**
 * `POST /api/webhooks/rdstation?token=…`: RD Station signs nothing, so the URL carries
 * `RDSTATION_WEBHOOK_TOKEN` (compared in constant time); both of RD's payload formats. Nothing
 * usable is a 422 saying what is wrong; otherwise the usable leads are stored, the rest skipped.
 */
export function rdStationLeadsIngress(token: string | undefined): WebhookIngress {
    return {
        source: 'rdstation',
        path: '/api/webhooks/rdstation',
        authenticate(request) {
            if (!token) throw unauthorized('RD Station webhooks are disabled: set RDSTATION_WEBHOOK_TOKEN');
            if (!verifyRdStationToken(request.query.token, token)) throw unauthorized('Missing or invalid token');
        },
        accept(request, skip) {
            const parsed = rdStationWebhookSchema.safeParse(request.body.value);
            if (!parsed.success) throw schemaMismatch([{ path: ['(body)'], message: 'must be an RD Station webhook: {"leads":[…]} or {"event_type":…, "contact":{…}}' }]);
            if ('leads' in parsed.data && parsed.data.leads.length > MAX_LEADS_PER_DELIVERY) throw tooMany('leads', parsed.data.leads.length);
            const problems: Array<{ path: string[]; message: string }> = [];
            const usable = rdStationItems(parsed.data).flatMap((item) => {
                if (!item.lead) problems.push({ path: [`lead ${item.index}`], message: item.problem ?? 'invalid' });
                else if (!item.lead.email && !item.lead.phone) problems.push({ path: [`lead ${item.index}`, 'email'], message: 'a lead needs a valid email or phone' });
                else return [item.lead];
                return [];
            });
            if (usable.length === 0) throw schemaMismatch(problems);
            for (const problem of problems) skip('invalid', { field: problem.path.join('.'), detail: problem.message });
            return {
                kind: 'conversion',
                deliveries: usable.map((lead) => {
                    const key = leadExternalKey('rdstation', lead);
                    return { delivery: { source: 'rdstation', eventId: key, topic: 'conversion', payload: lead }, jobs: [processLeadJob(key, lead)] };
                }),
                answer: (results) => ({ status: 200, body: { status: 'ok', stored: results.filter((r) => r.stored).length, skipped: problems.length } })
            };
        }
    };
}

/**
 * `POST /api/leads` (`X-API-Key: LEADS_API_KEY`, several comma-separated keys for rotation): a lead
 * from a capture system, with Portuguese or English field names. Validated (422 lists every bad
 * field), stored once per lead id, answered; scoring and the rest happen in jobs.
 */
export function leadsIntakeIngress(apiKey: string | undefined): WebhookIngress {
    return {
        source: 'leads',
        path: '/api/leads',
        authenticate(request) {
            if (!apiKeysConfigured(apiKey)) throw unauthorized('This API is disabled: set LEADS_API_KEY to enable it');
            if (!apiKeyMatches(request.header('x-api-key'), apiKey)) throw unauthorized('Missing or invalid X-API-Key');
        },
        accept(request) {
            const { lead, issues } = normalizeJsonLead(request.body.value);
            if (!lead) throw schemaMismatch(issues.map((i) => ({ path: [i.field], message: i.message })));
            const externalKey = leadExternalKey('api', lead);
            return {
                kind: 'lead',
                deliveries: [{ delivery: { source: 'leads', eventId: externalKey, topic: 'lead', payload: lead }, jobs: [processLeadJob(externalKey, lead)] }],
                answer: ([result]) => ({ status: 200, body: { status: result?.stored ? 'stored' : 'duplicate' } })
            };
        }
    };
}
