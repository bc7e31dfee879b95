/** Where a pause or resume came from: the vocabulary the texts name (texts/locales.ts). */
export { PAUSE_SOURCES, type PauseSource } from '../texts/locales';
import type { PauseSource } from '../texts/locales';

/** A WhatsApp customer (a Kommo contact) and whether the AI answers them. */
export interface WhatsAppContact {
    contactId: string;
    leadId: string | null;
    chatId: string | null;
    talkId: string | null;
    name: string | null;
    phone: string | null;
    /** Kommo's channel origin: `waba`, `instagram`, … */
    origin: string | null;
    ai: { paused: boolean; by: string | null; via: PauseSource | null; at: number | null };
    lastHumanAt: number | null;
    lastMessage: string | null;
    lastMessageAt: number | null;
    responsibleUserId: string | null;
}

/** The thread key of a contact's WhatsApp conversation. */
export const whatsappThreadKey = (contactId: string): string => `kommo:${contactId}`;

/**
 * Whether the AI should answer now: not paused, or paused but idle longer than the auto-resume
 * time (0 = never auto-resume).
 */
export function aiActive(contact: Pick<WhatsAppContact, 'ai' | 'lastHumanAt'>, now: number, autoResumeMinutes: number): boolean {
    if (!contact.ai.paused) return true;
    if (autoResumeMinutes <= 0) return false;
    const lastHuman = Math.max(contact.lastHumanAt ?? 0, contact.ai.at ?? 0);
    return now - lastHuman >= autoResumeMinutes * 60_000;
}
