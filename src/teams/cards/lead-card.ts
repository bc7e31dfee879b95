import type { Lead } from '../../domain/lead';
import type { LeadTexts } from '../../texts/lead-texts';
import { adaptiveCard, facts, paragraph, type AdaptiveCard, type CardAction, type CardElement } from './adaptive-card';
import { inlineText, markdownLink } from '../../lib/markdown';

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
    // The phone is E.164 (digits and +) by the time it is stored; the email went through the email check.
    if (lead.phone) pairs.push(['Phone', /^\+?\d{4,20}$/.test(lead.phone) ? `[${lead.phone}](tel:${lead.phone})` : inlineText(lead.phone)]);
    if (lead.email) pairs.push(['Email', markdownLink(lead.email, `mailto:${lead.email}`)]);
    if (lead.interest) pairs.push(['Interest', inlineText(lead.interest, 500)]);
    if (lead.income !== null) pairs.push(['Income', `R$ ${lead.income.toLocaleString('pt-BR')}`]);
    if (lead.city) pairs.push(['City', inlineText(lead.city, 100)]);
    pairs.push(['Source', inlineText(lead.source, 60)]);
    pairs.push(['Score', `${lead.score}/40 · ${lead.status}`]);
    pairs.push(['Age', age(now - (lead.createdAt ?? lead.receivedAt))]);
    const reasons = [...lead.breakdown].sort((a, b) => b.points - a.points).slice(0, 3).map((r) => `+${r.points} ${inlineText(r.reason, 80)}`).join(' · ');
    const body: CardElement[] = [{ type: 'TextBlock', text: `${FLAMES[lead.status]} ${inlineText(lead.name)}`, weight: 'Bolder', size: 'Medium', wrap: true }, facts(pairs)];
    if (reasons) body.push(paragraph(reasons, { isSubtle: true, size: 'Small' }));
    const status = lead.contactedAt ? t.contacted(inlineText(lead.contactedBy) || '?', clock(lead.contactedAt)) : lead.claimedBy && lead.claimedAt ? t.claimed(inlineText(lead.claimedBy.name), clock(lead.claimedAt)) : t.unclaimed;
    body.push(paragraph(status, { weight: 'Bolder', spacing: 'Medium' }));
    const actions: CardAction[] = [];
    if (!lead.claimedBy) actions.push(execute('Assumir / Claim', 'claim_lead', lead.id));
    if (!lead.contactedAt) actions.push(execute('Marcar contatado / Mark contacted', 'mark_contacted', lead.id));
    if (options.kommoUrl) actions.push({ type: 'Action.OpenUrl', title: 'Open in Kommo', url: options.kommoUrl });
    return adaptiveCard(body, actions);
}
