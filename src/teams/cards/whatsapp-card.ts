import type { WhatsAppContact } from '../../domain/whatsapp-contact';
import { inlineText } from '../../lib/markdown';
import { scaledDuration, type WhatsAppCardTexts } from '../../texts/card-texts';
import { adaptiveCard, facts, paragraph, type AdaptiveCard, type CardAction, type CardElement } from './adaptive-card';

/** The verbs of the WhatsApp card's buttons (Action.Execute, with Action.Submit fallbacks). */
export const WHATSAPP_VERBS = ['pause_ai', 'resume_ai', 'take_contact'] as const;
export type WhatsAppVerb = (typeof WHATSAPP_VERBS)[number];

function execute(title: string, verb: WhatsAppVerb, contactId: string, style?: 'positive'): CardAction {
    const data = { verb, contactId };
    return { type: 'Action.Execute', title, verb, data, ...(style ? { style } : {}), fallback: { type: 'Action.Submit', title, data } };
}

/**
 * The root card of a WhatsApp contact's thread, read at a glance: first whether the AI answers
 * (and who paused it, how long ago), then who (name, phone to tap, the channel by name), the Kommo
 * lead and the last message; one button pauses or resumes the AI (after an AI handoff, *Take it*
 * first), one opens the lead in Kommo.
 */
export function whatsappCard(contact: WhatsAppContact, t: WhatsAppCardTexts, leadUrl: string | null, aiConnected = true, now = Date.now()): AdaptiveCard {
    const since = contact.ai.at ? scaledDuration(now - contact.ai.at) : null;
    const state = !aiConnected
        ? { text: t.aiOff, color: 'Default' }
        : contact.ai.paused && contact.ai.via === 'handoff'
          ? { text: t.handedOff(since), color: 'Attention' }
          : contact.ai.paused
          ? { text: t.aiPaused(contact.ai.by === null ? null : inlineText(contact.ai.by), since), color: 'Warning' }
          : { text: t.aiActive, color: 'Good' };
    const phone = contact.phone ? `[${inlineText(contact.phone)}](tel:${contact.phone.replace(/[^\d+]/g, '')})` : null;
    const body: CardElement[] = [
        { type: 'TextBlock', text: state.text, color: state.color, weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: inlineText(contact.name) || t.contact(inlineText(contact.contactId)), size: 'Medium', weight: 'Bolder', wrap: true, spacing: 'Small' },
        paragraph([phone, t.channel(contact.origin)].filter(Boolean).join(' · '), { isSubtle: true, spacing: 'None' })
    ];
    if (contact.leadId) body.push(facts([[t.lead, leadUrl ? `[#${inlineText(contact.leadId)}](${leadUrl})` : `#${inlineText(contact.leadId)}`]]));
    if (contact.lastMessage) body.push(paragraph(`“${inlineText(contact.lastMessage, 300)}”`, { isSubtle: true, maxLines: 3 }));
    // Without an AI workflow there is nothing to pause or resume.
    const handedOff = aiConnected && contact.ai.paused && contact.ai.via === 'handoff';
    const actions: CardAction[] = !aiConnected
        ? []
        : handedOff
          ? [execute(t.takeIt, 'take_contact', contact.contactId, 'positive'), execute(t.resumeAi, 'resume_ai', contact.contactId)]
          : [contact.ai.paused ? execute(t.resumeAi, 'resume_ai', contact.contactId, 'positive') : execute(t.pauseAi, 'pause_ai', contact.contactId)];
    if (leadUrl) actions.push({ type: 'Action.OpenUrl', title: t.openInKommo, url: leadUrl });
    return adaptiveCard(body, actions);
}
