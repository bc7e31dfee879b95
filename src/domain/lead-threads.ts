import type { NewJob } from '../outbox/job-store';
import type { LeadTexts } from '../texts/lead-texts';
import { leadThreadKey, type Lead } from './lead';
import type { ThreadCard, ThreadMessage, ThreadPoster } from './thread-post';

/** The threads of hot leads: one card thread per lead in the channel bound to `leads`. */
export class LeadThreads {
    constructor(
        private readonly poster: ThreadPoster,
        readonly texts: LeadTexts,
        private readonly kommoBaseUrl: string | undefined
    ) {}

    kommoUrl(lead: Pick<Lead, 'kommoLeadId'>): string | null {
        return lead.kommoLeadId && this.kommoBaseUrl ? `${this.kommoBaseUrl}/leads/detail/${lead.kommoLeadId}` : null;
    }

    /** The lead's root card, as it is now. */
    card(lead: Lead): ThreadCard {
        return { kind: 'lead', lead, kommoUrl: this.kommoUrl(lead) };
    }

    start(lead: Lead): NewJob {
        return this.poster.start(leadThreadKey(lead.id), { stream: 'leads' }, this.card(lead), `start:lead:${lead.id}`);
    }

    refresh(lead: Lead, dedupeKey?: string): NewJob {
        return this.poster.updateRoot(leadThreadKey(lead.id), this.card(lead), dedupeKey);
    }

    post(leadId: number, message: ThreadMessage, dedupeKey?: string): NewJob {
        return this.poster.reply(leadThreadKey(leadId), message, dedupeKey);
    }
}
