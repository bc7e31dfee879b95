import type { WhatsAppContact } from '../../domain/whatsapp-contact';
import type { WhatsAppTexts } from '../../texts/whatsapp-texts';
import { adaptiveCard, facts, paragraph, type AdaptiveCard, type CardAction, type CardElement } from './adaptive-card';
import { inlineText } from '../../lib/markdown';

/** The verbs of the WhatsApp card's buttons (Action.Execute, with Action.Submit fallbacks). */
export const WHATSAPP_VERBS = ['pause_ai', 'resume_ai'] as const;
export type WhatsAppVerb = (typeof WHATSAPP_VERBS)[number];

function when(ms: number): string {
    return new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

function execute(title: string, verb: WhatsAppVerb, contactId: string): CardAction {
    const data = { verb, contactId };
    return { type: 'Action.Execute', title, verb, data, fallback: { type: 'Action.Submit', title, data } };
}

/**
 * The root card of a WhatsApp contact's thread: who (name, phone to tap), the Kommo lead, the
 * channel it came from, whether the AI answers, and the last message; buttons pause or resume
 * the AI for everyone and open the lead in Kommo.
 */
export function whatsappCard(contact: WhatsAppContact, t: WhatsAppTexts, leadUrl: string | null, aiConnected = true): AdaptiveCard {
    const pairs: Array<[string, string]> = [];
    if (contact.phone) pairs.push(['Phone', `[${contact.phone}](tel:${contact.phone.replace(/[^\d+]/g, '')})`]);
    if (contact.leadId) pairs.push(['Lead', leadUrl ? `[#${contact.leadId}](${leadUrl})` : `#${contact.leadId}`]);
    pairs.push(['Channel', inlineText(contact.origin ?? 'whatsapp', 40)]);
    if (!aiConnected) pairs.push(['AI', t.aiOff]);
    else pairs.push(['AI', t.state(!contact.ai.paused, contact.ai.by === null ? null : inlineText(contact.ai.by), contact.ai.via ? t.via[contact.ai.via] : null, contact.ai.at ? when(contact.ai.at) : null)]);
    const body: CardElement[] = [{ type: 'TextBlock', text: inlineText(contact.name) || `Contact ${inlineText(contact.contactId)}`, weight: 'Bolder', size: 'Medium', wrap: true }, facts(pairs)];
    if (contact.lastMessage) body.push(paragraph(inlineText(contact.lastMessage, 300), { isSubtle: true, maxLines: 3 }));
    // Without an AI workflow there is nothing to pause or resume.
    const actions: CardAction[] = !aiConnected ? [] : [contact.ai.paused ? execute('Resume AI', 'resume_ai', contact.contactId) : execute('Pause AI', 'pause_ai', contact.contactId)];
    if (leadUrl) actions.push({ type: 'Action.OpenUrl', title: 'Open in Kommo', url: leadUrl });
    return adaptiveCard(body, actions);
}
