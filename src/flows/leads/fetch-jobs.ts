import { z } from 'zod/v4';
import type { LeadInput } from '../../domain/lead';
import { toE164 } from '../../domain/phone';
import { DeliveryError } from '../../lib/delivery-error';
import type { JobHandler } from '../../outbox/job-handler';
import { jobType } from '../../outbox/job-type';
import type { NewJob } from '../../outbox/job-store';
import { KOMMO_JOB_LIMITS, type KommoClient } from '../../integrations/kommo/client';
import { fetchLeadgen } from '../../integrations/meta/client';
import { leadFromMeta } from '../../integrations/meta/normalize';
import { processLead, type LeadJobDeps } from './lead-jobs';
import { parseMoney } from '../../domain/normalize-lead';

export const FETCH_JOB = { kommo: 'leads.fetch_kommo', meta: 'leads.fetch_meta', assignKommo: 'kommo.assign_lead' } as const;

const kommoBucket = [{ key: 'kommo', limits: KOMMO_JOB_LIMITS }];

/** Reading a Kommo lead (from `leads[add]`/`leads[status]`) to score it. */
export const FETCH_KOMMO_LEAD = jobType({ kind: FETCH_JOB.kommo, peer: 'kommo', payload: z.object({ kommoLeadId: z.string().min(1) }), orderingKey: (p) => `lead-in:kommo:${p.kommoLeadId}`, dedupeKey: (p) => `fetch-kommo:${p.kommoLeadId}` });
export const fetchKommoLeadJob = (kommoLeadId: string): NewJob => FETCH_KOMMO_LEAD.create({ kommoLeadId });

/** Reading a Meta Lead Ads lead to score it. */
export const FETCH_META_LEAD = jobType({ kind: FETCH_JOB.meta, peer: 'meta', payload: z.object({ leadgenId: z.string().min(1) }), orderingKey: (p) => `lead-in:meta:${p.leadgenId}`, dedupeKey: (p) => `fetch-meta:${p.leadgenId}` });
export const fetchMetaLeadJob = (leadgenId: string): NewJob => FETCH_META_LEAD.create({ leadgenId });

/** Setting the Kommo lead's responsible user to the salesperson who claimed it (linked user, else by email). */
export const ASSIGN_KOMMO_LEAD = jobType({
    kind: FETCH_JOB.assignKommo,
    peer: 'kommo',
    payload: z.object({ kommoLeadId: z.string().min(1), email: z.string().nullable(), userId: z.string().nullable().optional() }),
    orderingKey: (p) => `kommo-lead:${p.kommoLeadId}`
});
export const assignKommoLeadJob = (kommoLeadId: string, who: { email: string | null; kommoUserId?: string | null }): NewJob => ASSIGN_KOMMO_LEAD.create({ kommoLeadId, email: who.email, userId: who.kommoUserId ?? null });

/** A Kommo lead and its main contact as a Deskbridge lead. */
async function leadFromKommo(client: KommoClient, kommoLeadId: string): Promise<LeadInput> {
    const lead = await client.getLeadWithContacts(kommoLeadId);
    const contact = lead.mainContactId ? await client.getContact(lead.mainContactId) : { name: null, phone: null, email: null };
    const field = (...names: string[]) => [...lead.fields].find(([k]) => names.some((n) => k.includes(n)))?.[1] || null;
    const income = field('renda', 'income');
    return {
        externalId: lead.id,
        name: contact.name ?? lead.name ?? `Lead #${lead.id}`,
        email: contact.email?.toLowerCase() ?? null,
        phone: toE164(contact.phone),
        interest: field('interesse', 'interest') ?? lead.name,
        income: income ? parseMoney(income) : null,
        city: field('cidade', 'city'),
        source: 'KOMMO',
        score: null,
        status: null,
        createdAt: null,
        kommoLeadId: lead.id
    };
}

/** Handlers that read leads from Kommo and Meta, and assign claimed leads in Kommo. */
export function leadFetchHandlers(deps: LeadJobDeps & { kommo?: KommoClient; meta?: { graphBaseUrl: string; accessToken?: string; appSecret?: string } }): JobHandler[] {
    const kommoOrFail = () => {
        if (!deps.kommo) throw new DeliveryError('Kommo is not connected: set KOMMO_BASE_URL and KOMMO_ACCESS_TOKEN to score Kommo leads', false, { peer: 'kommo' });
        return deps.kommo;
    };
    return [
        FETCH_KOMMO_LEAD.handler({
            rateBuckets: () => kommoBucket,
            async run(p, context) {
                await processLead(deps, `kommo:${p.kommoLeadId}`, await leadFromKommo(kommoOrFail(), p.kommoLeadId), context);
            }
        }),
        FETCH_META_LEAD.handler({
            async run(p, context) {
                if (!deps.meta?.accessToken) throw new DeliveryError('META_PAGE_ACCESS_TOKEN is not set: Deskbridge cannot read Lead Ads leads', false, { peer: 'meta' });
                const leadgen = await fetchLeadgen(deps.meta.graphBaseUrl, deps.meta.accessToken, p.leadgenId, deps.meta.appSecret);
                await processLead(deps, `meta:${p.leadgenId}`, leadFromMeta(leadgen), context);
            }
        }),
        ASSIGN_KOMMO_LEAD.handler({
            rateBuckets: () => kommoBucket,
            async run(p, context) {
                const client = kommoOrFail();
                const user = p.userId ? { id: p.userId } : p.email ? await client.findUserByEmail(p.email) : undefined;
                if (!user) {
                    context.logger.info({ kommoLeadId: p.kommoLeadId }, 'leads: the claimer has no Kommo user with that email; responsible user unchanged');
                    return;
                }
                await client.setResponsible(p.kommoLeadId, user.id);
            }
        })
    ];
}
