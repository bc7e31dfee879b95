import type { NewJob } from '../outbox/job-store';
import { cardAttachment } from '../teams/cards/adaptive-card';
import { leadCard } from '../teams/cards/lead-card';
import { replyJob, startThreadJob, updateRootJob, type OutboundActivity } from '../teams/jobs/teams-send-jobs';
import type { LeadTexts } from '../texts/lead-texts';
import { leadThreadKey, type Lead } from './lead';
import { singleLine } from '../lib/markdown';

/** The Teams side of hot leads: one card thread per lead in the channel bound to `leads`. */
export class LeadThreads {
    constructor(
        readonly texts: LeadTexts,
        private readonly kommoBaseUrl: string | undefined
    ) {}

    kommoUrl(lead: Pick<Lead, 'kommoLeadId'>): string | null {
        return lead.kommoLeadId && this.kommoBaseUrl ? `${this.kommoBaseUrl}/leads/detail/${lead.kommoLeadId}` : null;
    }

    cardActivity(lead: Lead): OutboundActivity {
        return { attachments: [cardAttachment(leadCard(lead, this.texts, { kommoUrl: this.kommoUrl(lead) }))], summary: singleLine(`${lead.status} ${lead.name}`, 100) };
    }

    start(lead: Lead): NewJob {
        return startThreadJob({ threadKey: leadThreadKey(lead.id), stream: 'leads', activity: this.cardActivity(lead) }, `start:lead:${lead.id}`);
    }

    refresh(lead: Lead, dedupeKey?: string): NewJob {
        return updateRootJob(leadThreadKey(lead.id), this.cardActivity(lead), dedupeKey);
    }

    post(leadId: number, activity: OutboundActivity, dedupeKey?: string): NewJob {
        return replyJob(leadThreadKey(leadId), activity, dedupeKey);
    }
}
