import { textMessage } from '../../domain/thread-post';
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Locale } from '../../config';
import { splitThreadKey } from '../../domain/thread-key';
import type { Lead } from '../../domain/lead';
import type { LeadThreads } from '../../domain/lead-threads';
import { assignKommoLeadJob } from '../../flows/leads/fetch-jobs';
import { followUpJob } from '../../flows/leads/lead-jobs';
import type { Logger } from '../../lib/logger';
import { cancelPendingJobs, type NewJob } from '../../outbox/job-store';
import type { Repositories } from '../../store/index';
import { agentOf, type AgentLookups } from '../agent-of';
import { leadCard, LEAD_VERBS, type LeadVerb } from '../cards/lead-card';
import type { AdaptiveCard } from '../cards/adaptive-card';
import { threadKeyOfActivity } from '../conversation-actions';
import { leadCardTexts } from '../../texts/card-texts';
import { leadTexts } from '../../texts/lead-texts';
import { inlineText } from '../../lib/markdown';

export interface LeadCardDeps {
    repos: Repositories;
    view: LeadThreads;
    enqueue: (jobs: readonly NewJob[]) => Promise<unknown>;
    logger: Logger;
    defaultLocale: Locale;
    emailOf?: AgentLookups['emailOf'];
}

const clock = (ms: number) => new Date(ms).toISOString().slice(11, 16) + ' UTC';

/**
 * The lead card's buttons. Claim: the first click wins (one atomic update), the card changes for
 * everyone to "claimed by X at 10:42", the claim SLA reminders are cancelled, the claimer's
 * follow-up is scheduled and the Kommo lead is assigned to them when their email matches a Kommo
 * user; a later claimer is told who has it. Mark contacted: recorded once, cancels the follow-up.
 * The lead is the one of the card pressed (its thread), the button's data only as a fallback.
 */
export function registerLeadCardActions(app: Application<TurnState>, deps: LeadCardDeps): void {
    const { repos, view } = deps;

    const leadOf = async (context: TurnContext, data: { leadId?: number | string }): Promise<Lead | undefined> => {
        const key = await threadKeyOfActivity(context, repos.threads);
        const fromCard = key && splitThreadKey(key).source === 'lead' ? Number(splitThreadKey(key).id) : undefined;
        const id = fromCard ?? (data.leadId !== undefined ? Number(data.leadId) : undefined);
        return id !== undefined && Number.isInteger(id) ? repos.leads.get(id) : undefined;
    };

    const press = async (context: TurnContext, verb: LeadVerb, data: { leadId?: number | string }): Promise<{ card?: AdaptiveCard; message?: string }> => {
        const t = leadTexts(context.activity.locale, deps.defaultLocale);
        const ct = leadCardTexts(context.activity.locale, deps.defaultLocale);
        const lead = await leadOf(context, data);
        if (!lead) return { message: t.notALead };
        const agent = await agentOf(context, { people: repos.people, identities: repos.identities, emailOf: deps.emailOf });
        const byId = context.activity.from?.id ?? agent.id;
        if (verb === 'claim_lead') {
            const won = await repos.leads.claim(lead.id, { id: byId, name: agent.name, email: agent.email });
            const now = (await repos.leads.get(lead.id))!;
            if (!won) return { message: t.alreadyClaimed(inlineText(now.claimedBy?.name) || '?', now.claimedAt ? clock(now.claimedAt) : '?') };
            await cancelPendingJobs(repos.db.kysely, `sla:${lead.id}:`, `claimed by ${agent.name}`);
            const jobs: NewJob[] = [view.refresh(now, `lead-card:${lead.id}:claimed`), view.post(lead.id, textMessage(t.claimNotice(inlineText(agent.name)))), followUpJob(now, now.claimedAt!)];
            if (now.kommoLeadId && (agent.email || agent.kommoUserId)) jobs.push(assignKommoLeadJob(now.kommoLeadId, { email: agent.email, kommoUserId: agent.kommoUserId }));
            await deps.enqueue(jobs);
            deps.logger.info({ leadId: lead.id, by: byId }, 'lead claimed');
            return { card: leadCard(now, ct, { kommoUrl: view.kommoUrl(now) }) };
        }
        const marked = await repos.leads.markContacted(lead.id, agent.name);
        const now = (await repos.leads.get(lead.id))!;
        if (!marked) return { message: t.alreadyContacted, card: leadCard(now, ct, { kommoUrl: view.kommoUrl(now) }) };
        await cancelPendingJobs(repos.db.kysely, `follow:${lead.id}`, `contacted by ${agent.name}`);
        await cancelPendingJobs(repos.db.kysely, `sla:${lead.id}:`, `contacted by ${agent.name}`);
        await deps.enqueue([view.refresh(now, `lead-card:${lead.id}:contacted`), view.post(lead.id, textMessage(t.contactedNotice(inlineText(agent.name))))]);
        return { card: leadCard(now, ct, { kommoUrl: view.kommoUrl(now) }) };
    };

    for (const verb of LEAD_VERBS) {
        app.adaptiveCards.actionExecute<{ leadId?: number | string }>(verb, async (context, _state, data) => {
            const { card, message } = await press(context, verb, data);
            // A lost claim is told to the clicker only; the card stays as everyone sees it.
            if (message && (verb === 'claim_lead' || !card)) return message;
            return card ?? message ?? '';
        });
        app.adaptiveCards.actionSubmit<{ leadId?: number | string }>(verb, async (context, _state, data) => {
            const { message } = await press(context, verb, data);
            if (message) await context.sendActivity(message);
        });
    }
}
