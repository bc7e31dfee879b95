import { personMention, textMessage, type ThreadMention } from '../../domain/thread-post';
import axios from 'axios';
import type { Kysely } from 'kysely';
import { z } from 'zod/v4';
import type { Lead, LeadInput, Temperature } from '../../domain/lead';
import { leadThreadKey } from '../../domain/lead';
import type { LeadThreads } from '../../domain/lead-threads';
import { scoreLead, type loadScoringRules } from '../../domain/lead-scoring';
import type { Logger } from '../../lib/logger';
import { DeliveryError } from '../../lib/delivery-error';
import { httpClientError } from '../../lib/http-client-error';
import type { JobContext, JobHandler } from '../../outbox/job-handler';
import { jobType } from '../../outbox/job-type';
import type { NewJob } from '../../outbox/job-store';
import type { LeadsRepo } from '../../store/leads-repo';
import type { Database } from '../../store/schema';
import type { TeamsPeopleRepo } from '../../store/teams-people-repo';
import { inlineText } from '../../lib/markdown';

export const LEAD_JOB = { process: 'leads.process', n8n: 'leads.n8n', claimSla: 'leads.claim_sla', followUp: 'leads.follow_up' } as const;

/** How long after a claim the claimer is reminded, by temperature. */
export const FOLLOW_UP_AFTER_MS: Record<Temperature, number> = { QUENTE: 2 * 3_600_000, MORNO: 3 * 86_400_000, FRIO: 7 * 86_400_000 };
/** A hot lead is raised again at most this many times while nobody claims it. */
const MAX_RERAISES = 3;

const leadInputSchema = z.object({
    externalId: z.string().nullable(),
    name: z.string().min(1),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    interest: z.string().nullable(),
    income: z.number().nullable(),
    city: z.string().nullable(),
    source: z.string().min(1),
    score: z.number().nullable(),
    status: z.enum(['QUENTE', 'MORNO', 'FRIO']).nullable(),
    createdAt: z.number().nullable(),
    kommoLeadId: z.string().nullable()
});

/** Scoring and fan-out of a lead that was received (any intake). */
export const PROCESS_LEAD = jobType({ kind: LEAD_JOB.process, peer: 'deskbridge', payload: z.object({ externalKey: z.string().min(1), lead: leadInputSchema }), orderingKey: (p) => `lead-in:${p.externalKey}`, dedupeKey: (p) => `lead-in:${p.externalKey}` });
export const processLeadJob = (externalKey: string, lead: LeadInput): NewJob => PROCESS_LEAD.create({ externalKey, lead });

/** Sending a scored lead to the n8n workflow of its temperature, once. */
export const LEAD_TO_N8N = jobType({ kind: LEAD_JOB.n8n, peer: 'n8n', payload: z.object({ leadId: z.number().int() }), orderingKey: (p) => `lead-n8n:${p.leadId}`, dedupeKey: (p) => `lead-n8n:${p.leadId}` });

/** The claim SLA check of a hot lead, due `afterMs` from now. */
export const CLAIM_SLA = jobType({ kind: LEAD_JOB.claimSla, peer: 'deskbridge', payload: z.object({ leadId: z.number().int(), round: z.number().int().min(1) }), orderingKey: (p) => `thread:${leadThreadKey(p.leadId)}`, dedupeKey: (p) => `sla:${p.leadId}:${p.round}` });
export const claimSlaJob = (leadId: number, round: number, afterMs: number): NewJob => CLAIM_SLA.create({ leadId, round }, { runAt: Date.now() + afterMs });

/** The reminder to the claimer, due by the lead's temperature. */
export const FOLLOW_UP = jobType({ kind: LEAD_JOB.followUp, peer: 'deskbridge', payload: z.object({ leadId: z.number().int() }), orderingKey: (p) => `thread:${leadThreadKey(p.leadId)}`, dedupeKey: (p) => `follow:${p.leadId}` });
export const followUpJob = (lead: Pick<Lead, 'id' | 'status'>, claimedAt: number): NewJob => FOLLOW_UP.create({ leadId: lead.id }, { runAt: claimedAt + FOLLOW_UP_AFTER_MS[lead.status] });

export interface LeadJobDeps {
    db: Kysely<Database>;
    leads: LeadsRepo;
    people: TeamsPeopleRepo;
    threads: LeadThreads;
    rules: ReturnType<typeof loadScoringRules>;
    claimSlaMs: number;
    oncallEmails: readonly string[];
    n8n: { urls: Partial<Record<Temperature, string>>; apiKey?: string };
    logger: Logger;
}

/**
 * Scores and stores a lead; a new one goes to the n8n workflow of its temperature and, when hot,
 * becomes a card in the leads channel with its claim SLA scheduled. A lead received again changes
 * nothing.
 */
export async function processLead(deps: LeadJobDeps, externalKey: string, input: LeadInput, context: Pick<JobContext, 'enqueue'>): Promise<Lead> {
    const scored = scoreLead(input, deps.rules);
    const { lead, created } = await deps.leads.insert(externalKey, { ...input, score: scored.score, status: scored.status, breakdown: scored.breakdown });
    if (!created) return lead;
    const jobs: NewJob[] = [LEAD_TO_N8N.create({ leadId: lead.id })];
    if (lead.status === 'QUENTE') jobs.push(deps.threads.start(lead), claimSlaJob(lead.id, 1, deps.claimSlaMs));
    await context.enqueue(jobs);
    deps.logger.info({ leadId: lead.id, status: lead.status, score: lead.score, source: lead.source }, 'lead scored');
    return lead;
}

/** `<at>Name</at>` mentions of the Teams people with these emails (those Deskbridge has seen). */
async function mentionsOf(people: TeamsPeopleRepo, emails: readonly string[]): Promise<{ text: string; mentions: ThreadMention[] }> {
    const found = (await Promise.all(emails.map((e) => people.byEmail(e)))).filter((p) => p !== undefined);
    const mentions = found.map((p) => personMention(p.userId, p.name ?? p.email));
    return { text: mentions.map((m) => m.text).join(' '), mentions };
}

/** The n8n payload of a lead: the intake's field names plus score, status and breakdown. */
export function n8nLeadPayload(lead: Lead) {
    return {
        lead_id: lead.externalId,
        nome: lead.name,
        email: lead.email,
        telefone: lead.phone,
        score: lead.score,
        status: lead.status,
        interesse: lead.interest,
        renda_aproximada: lead.income,
        cidade: lead.city,
        origem: lead.source,
        created_at: new Date(lead.createdAt ?? lead.receivedAt).toISOString(),
        breakdown: lead.breakdown
    };
}

/** Handlers of the lead jobs. */
export function leadJobHandlers(deps: LeadJobDeps): JobHandler[] {
    const { leads, threads } = deps;
    const t = threads.texts;
    const leadOrFail = async (id: number) => {
        const lead = await leads.get(id);
        if (!lead) throw new DeliveryError(`lead ${id} is not in the database`, false, { peer: 'deskbridge' });
        return lead;
    };
    return [
        PROCESS_LEAD.handler({
            async run(p, context) {
                await processLead(deps, p.externalKey, p.lead, context);
            }
        }),
        LEAD_TO_N8N.handler({
            async run(p, context) {
                const lead = await leadOrFail(p.leadId);
                const url = deps.n8n.urls[lead.status];
                if (!url) {
                    context.logger.info({ leadId: lead.id, status: lead.status }, `leads: no N8N_LEAD_WEBHOOK_URL for ${lead.status}; not sent`);
                    return;
                }
                try {
                    await axios.post(url, n8nLeadPayload(lead), { timeout: 15_000, signal: context.signal, headers: { 'Content-Type': 'application/json', ...(deps.n8n.apiKey ? { Authorization: `Bearer ${deps.n8n.apiKey}` } : {}) } });
                } catch (err) {
                    throw httpClientError(err, 'n8n');
                }
            }
        }),
        CLAIM_SLA.handler({
            async run(p, context) {
                const lead = await leadOrFail(p.leadId);
                if (lead.claimedBy) return;
                const who = await mentionsOf(deps.people, deps.oncallEmails);
                const minutes = Math.round((Date.now() - lead.receivedAt) / 60000);
                const jobs: NewJob[] = [threads.post(lead.id, textMessage(t.reraise(minutes, who.text), who.mentions), `reraise:${lead.id}:${p.round}`)];
                if (p.round < MAX_RERAISES) jobs.push(claimSlaJob(lead.id, p.round + 1, deps.claimSlaMs));
                await context.enqueue(jobs);
            }
        }),
        FOLLOW_UP.handler({
            async run(p, context) {
                const lead = await leadOrFail(p.leadId);
                if (lead.contactedAt || !lead.claimedBy || !lead.claimedAt) return;
                const person = lead.claimedBy.email ? await deps.people.byEmail(lead.claimedBy.email) : undefined;
                const since = `${Math.round((Date.now() - lead.claimedAt) / 3_600_000)} h`;
                const mention = person ? personMention(person.userId, lead.claimedBy.name) : undefined;
                const activity = mention
                    ? textMessage(t.followUp(mention.text, inlineText(lead.name), since), [mention])
                    : textMessage(t.followUp(inlineText(lead.claimedBy.name), inlineText(lead.name), since));
                await context.enqueue([threads.post(lead.id, activity, `follow:${lead.id}:sent`)]);
            }
        })
    ];
}
