import type { Lead } from '../../domain/lead';
import { inlineText, markdownLink } from '../../lib/markdown';
import { scaledDuration, type LeadCardTexts } from '../../texts/card-texts';
import { adaptiveCard, facts, paragraph, type AdaptiveCard, type CardAction, type CardElement } from './adaptive-card';

export const LEAD_VERBS = ['claim_lead', 'mark_contacted'] as const;
export type LeadVerb = (typeof LEAD_VERBS)[number];

function execute(title: string, verb: LeadVerb, leadId: number, style?: 'positive'): CardAction {
    const data = { verb, leadId };
    return { type: 'Action.Execute', title, verb, data, ...(style ? { style } : {}), fallback: { type: 'Action.Submit', title, data } };
}

/**
 * A lead as salespeople see it, at a glance: first how hot it is and whether someone has it (and
 * since when), then what they want as the title, who and how to reach them (tap to call), income,
 * city, source by name, the score with its top reasons. Buttons: Claim (until claimed), Contacted
 * (until contacted), Open in Kommo.
 */
export function leadCard(lead: Lead, t: LeadCardTexts, options: { now?: number; kommoUrl?: string | null } = {}): AdaptiveCard {
    const now = options.now ?? Date.now();
    const temperature = t.temperature[lead.status];
    const state = lead.contactedAt
        ? { text: t.contacted(inlineText(lead.contactedBy) || '?', scaledDuration(now - lead.contactedAt)), color: 'Good' }
        : lead.claimedBy && lead.claimedAt
          ? { text: t.claimed(inlineText(lead.claimedBy.name), scaledDuration(now - lead.claimedAt)), color: 'Good' }
          : { text: t.unclaimed(temperature, scaledDuration(now - (lead.createdAt ?? lead.receivedAt))), color: lead.status === 'QUENTE' ? 'Attention' : 'Default' };
    const pairs: Array<[string, string]> = [];
    // The phone is E.164 (digits and +) by the time it is stored; the email went through the email check.
    if (lead.phone) pairs.push([t.phone, /^\+?\d{4,20}$/.test(lead.phone) ? `[${lead.phone}](tel:${lead.phone})` : inlineText(lead.phone)]);
    if (lead.email) pairs.push([t.email, markdownLink(lead.email, `mailto:${lead.email}`)]);
    if (lead.income !== null) pairs.push([t.income, `R$ ${lead.income.toLocaleString('pt-BR')}`]);
    pairs.push([t.source, inlineText(t.sourceName(lead.source), 60)]);
    pairs.push([t.score, `${lead.score}/40 · ${temperature}`]);
    const reasons = [...lead.breakdown].sort((a, b) => b.points - a.points).slice(0, 3).map((r) => `+${r.points} ${inlineText(t.reason(r), 80)}`).join(' · ');
    const who = [inlineText(lead.name), lead.city ? inlineText(lead.city, 100) : null].filter(Boolean).join(' · ');
    const body: CardElement[] = [
        { type: 'TextBlock', text: state.text, color: state.color, weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: lead.interest ? inlineText(lead.interest, 300) : inlineText(lead.name), size: 'Medium', weight: 'Bolder', wrap: true, spacing: 'Small' },
        ...(lead.interest ? [paragraph(who, { isSubtle: true, spacing: 'None' })] : lead.city ? [paragraph(inlineText(lead.city, 100), { isSubtle: true, spacing: 'None' })] : []),
        facts(pairs)
    ];
    if (reasons) body.push(paragraph(reasons, { isSubtle: true, size: 'Small' }));
    const actions: CardAction[] = [];
    if (!lead.claimedBy) actions.push(execute(t.claim, 'claim_lead', lead.id, 'positive'));
    if (!lead.contactedAt) actions.push(execute(t.markContacted, 'mark_contacted', lead.id));
    if (options.kommoUrl) actions.push({ type: 'Action.OpenUrl', title: t.openInKommo, url: options.kommoUrl });
    return adaptiveCard(body, actions);
}
