import type { NewJob } from '../outbox/job-store';
import type { ThreadActivityRepo } from '../store/thread-activity-repo';
import { slaCheckJob, type SlaPolicy } from './sla';

/**
 * What happens in customer threads, recorded for SLA reminders and the day's figures. A customer
 * message that starts a wait returns the SLA check to queue with it.
 */
export class ConversationActivity {
    constructor(
        private readonly repo: ThreadActivityRepo,
        private readonly policy: SlaPolicy
    ) {}

    async customerWrote(threadKey: string, at: number): Promise<NewJob[]> {
        return (await this.repo.customerWrote(threadKey, at)) ? [slaCheckJob(this.policy, threadKey, at, 1)] : [];
    }

    humanAnswered(threadKey: string, at = Date.now()): Promise<void> {
        return this.repo.humanAnswered(threadKey, at);
    }

    aiAnswered(threadKey: string, at = Date.now()): Promise<void> {
        return this.repo.aiAnswered(threadKey, at);
    }

    escalated(threadKey: string, at = Date.now()): Promise<void> {
        return this.repo.escalated(threadKey, at);
    }

    /** The customer rated the conversation (today's CSAT counts the latest rating of each). */
    rated(threadKey: string, rating: { score: string | number; satisfied: boolean; at: number }): Promise<void> {
        return this.repo.rated(threadKey, { score: String(rating.score), satisfied: rating.satisfied, at: rating.at });
    }

    closed(threadKey: string, at = Date.now()): Promise<void> {
        return this.repo.closed(threadKey, at);
    }
}
