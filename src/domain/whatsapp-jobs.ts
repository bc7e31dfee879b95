import type { NewJob } from '../outbox/job-store';
import { cardAttachment } from '../teams/cards/adaptive-card';
import { whatsappCard } from '../teams/cards/whatsapp-card';
import { replyJob, startThreadJob, updateRootJob, type OutboundActivity } from '../teams/jobs/teams-send-jobs';
import type { WhatsAppTexts } from '../texts/whatsapp-texts';
import { whatsappThreadKey, type WhatsAppContact } from './whatsapp-contact';
import { singleLine } from '../lib/markdown';

/**
 * The Teams side of WhatsApp contacts: the thread (one per contact, card at the root), notices in
 * it and card refreshes, all as outbox jobs on the contact's thread key.
 */
export class WhatsAppThreads {
    constructor(
        readonly texts: WhatsAppTexts,
        /** `KOMMO_BASE_URL`, for lead links; none when Kommo is not configured. */
        private readonly kommoBaseUrl: string | undefined,
        /** Whether an AI workflow is connected (`N8N_WEBHOOK_URL`); without one no AI answers anyone. */
        readonly aiConnected = true
    ) {}

    /** The root card of a contact's thread, as it is now. */
    card(contact: WhatsAppContact) {
        return whatsappCard(contact, this.texts, this.leadUrl(contact.leadId), this.aiConnected);
    }

    leadUrl(leadId: string | null): string | null {
        return leadId && this.kommoBaseUrl ? `${this.kommoBaseUrl}/leads/detail/${leadId}` : null;
    }

    cardActivity(contact: WhatsAppContact): OutboundActivity {
        return { attachments: [cardAttachment(this.card(contact))], summary: singleLine(contact.name ?? contact.contactId, 100) };
    }

    /** The contact's thread, created once in the channel bound to `whatsapp`. */
    start(contact: WhatsAppContact): NewJob {
        const key = whatsappThreadKey(contact.contactId);
        return startThreadJob({ threadKey: key, stream: 'whatsapp', activity: this.cardActivity(contact) }, `start:${key}`);
    }

    /** A line in the contact's thread. */
    notice(contactId: string, text: string, dedupeKey?: string): NewJob {
        return replyJob(whatsappThreadKey(contactId), { text, textFormat: 'markdown' }, dedupeKey);
    }

    /** A message in the thread, with @mentions (entities built by the caller). */
    post(contactId: string, activity: OutboundActivity, dedupeKey?: string): NewJob {
        return replyJob(whatsappThreadKey(contactId), activity, dedupeKey);
    }

    /** The card brought up to date (AI state, last message). */
    refresh(contact: WhatsAppContact, dedupeKey?: string): NewJob {
        return updateRootJob(whatsappThreadKey(contact.contactId), this.cardActivity(contact), dedupeKey);
    }
}
