import type { Lead } from '../../domain/lead';
import type { LeadTexts } from '../lead-texts';
import { adaptiveCard, facts, paragraph, type AdaptiveCard, type CardAction, type CardElement } from './adaptive-card';

export const LEAD_VERBS = ['claim_lead', 'mark_contacted'] as const;
export type LeadVerb = (typeof LEAD_VERBS)[number];

const FLAMES: Record<Lead['status'], string> = { QUENTE: '🔥', MORNO: '🌤️', FRIO: '❄️' };

function clock(ms: number): string {
    return new Date(ms).toISOString().slice(11, 16) + ' UTC';
}

function age(ms: number): string {
    const minutes = Math.max(0, Math.round(ms / 60000));
    if (minutes < 60) return `${minutes} min`;
    if (minutes < 48 * 60) return `${Math.round(minutes / 60)} h`;
    return `${Math.round(minutes / 1440)} d`;
}

function execute(title: string, verb: LeadVerb, leadId: number): CardAction {
    const data = { verb, leadId };
    return { type: 'Action.Execute', title, verb, data, fallback: { type: 'Action.Submit', title, data } };
}

/**
 * A hot lead as salespeople see it: who, how to reach them (tap to call), what they want, income,
 * city, source, score with its top reasons, how old the lead is, and who claimed or contacted it.
 * Buttons: Claim (until claimed), Mark contacted (until contacted), Open in Kommo.
 */
export function leadCard(lead: Lead, t: LeadTexts, options: { now?: number; kommoUrl?: string | null } = {}): AdaptiveCard {
    const now = options.now ?? Date.now();
    const pairs: Array<[string, string]> = [];
    if (lead.phone) pairs.push(['Phone', `[${lead.phone}](tel:${lead.phone})`]);
    if (lead.email) pairs.push(['Email', `[${lead.email}](mailto:${lead.email})`]);
    if (lead.interest) pairs.push(['Interest', lead.interest]);
    if (lead.income !== null) pairs.push(['Income', `R$ ${lead.income.toLocaleString('pt-BR')}`]);
    if (lead.city) pairs.push(['City', lead.city]);
    pairs.push(['Source', lead.source]);
    pairs.push(['Score', `${lead.score}/40 · ${lead.status}`]);
    pairs.push(['Age', age(now - (lead.createdAt ?? lead.receivedAt))]);
    const reasons = [...lead.breakdown].sort((a, b) => b.points - a.points).slice(0, 3).map((r) => `+${r.points} ${r.reason}`).join(' · ');
    const body: CardElement[] = [{ type: 'TextBlock', text: `${FLAMES[lead.status]} ${lead.name}`, weight: 'Bolder', size: 'Medium', wrap: true }, facts(pairs)];
    if (reasons) body.push(paragraph(reasons, { isSubtle: true, size: 'Small' }));
    const status = lead.contactedAt ? t.contacted(lead.contactedBy ?? '?', clock(lead.contactedAt)) : lead.claimedBy && lead.claimedAt ? t.claimed(lead.claimedBy.name, clock(lead.claimedAt)) : t.unclaimed;
    body.push(paragraph(status, { weight: 'Bolder', spacing: 'Medium' }));
    const actions: CardAction[] = [];
    if (!lead.claimedBy) actions.push(execute('Assumir / Claim', 'claim_lead', lead.id));
    if (!lead.contactedAt) actions.push(execute('Marcar contatado / Mark contacted', 'mark_contacted', lead.id));
    if (options.kommoUrl) actions.push({ type: 'Action.OpenUrl', title: 'Open in Kommo', url: options.kommoUrl });
    return adaptiveCard(body, actions);
}
