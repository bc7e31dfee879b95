import type { NewJob } from '../outbox/job-store';
import type { WhatsAppTexts } from '../texts/whatsapp-texts';
import { textMessage, type ThreadCard, type ThreadMessage, type ThreadPoster } from './thread-post';
import { whatsappThreadKey, type WhatsAppContact } from './whatsapp-contact';

/**
 * The threads of WhatsApp contacts: one per contact, its card at the root, notices in it and card
 * refreshes, all as outbox jobs on the contact's thread key (posted by a {@link ThreadPoster}).
 */
export class WhatsAppThreads {
    constructor(
        private readonly poster: ThreadPoster,
        readonly texts: WhatsAppTexts,
        /** `KOMMO_BASE_URL`, for lead links; none when Kommo is not configured. */
        private readonly kommoBaseUrl: string | undefined,
        /** Whether an AI workflow is connected (`N8N_WEBHOOK_URL`); without one no AI answers anyone. */
        readonly aiConnected = true
    ) {}

    /** The root card of a contact's thread, as it is now. */
    card(contact: WhatsAppContact): Extract<ThreadCard, { kind: 'whatsapp' }> {
        return { kind: 'whatsapp', contact, leadUrl: this.leadUrl(contact.leadId), aiConnected: this.aiConnected };
    }

    leadUrl(leadId: string | null): string | null {
        return leadId && this.kommoBaseUrl ? `${this.kommoBaseUrl}/leads/detail/${leadId}` : null;
    }

    /** The contact's thread, created once in the channel bound to `whatsapp`. */
    start(contact: WhatsAppContact): NewJob {
        const key = whatsappThreadKey(contact.contactId);
        return this.poster.start(key, { stream: 'whatsapp' }, this.card(contact), `start:${key}`);
    }

    /** A line in the contact's thread. */
    notice(contactId: string, text: string, dedupeKey?: string): NewJob {
        return this.poster.reply(whatsappThreadKey(contactId), textMessage(text), dedupeKey);
    }

    /** A message in the thread (with @mentions, for instance). */
    post(contactId: string, message: ThreadMessage, dedupeKey?: string): NewJob {
        return this.poster.reply(whatsappThreadKey(contactId), message, dedupeKey);
    }

    /** The card brought up to date (AI state, last message). */
    refresh(contact: WhatsAppContact, dedupeKey?: string): NewJob {
        return this.poster.updateRoot(whatsappThreadKey(contact.contactId), this.card(contact), dedupeKey);
    }
}
