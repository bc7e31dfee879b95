import type { NewJob } from '../outbox/job-store';
import { addBusinessMinutes, type BusinessHours } from './business-hours';

/** The first-response target: minutes of business time a customer may wait for a human. */
export interface SlaPolicy {
    minutes: number;
    hours: BusinessHours;
}

export const SLA_JOB = 'sla.first_response';

/**
 * The check of one wait: due when the wait reaches the target (round 1: a reminder in the
 * thread) and again one target later (round 2: escalation to the escalations channel). A wait
 * that ended meanwhile makes the check do nothing.
 */
export function slaCheckJob(policy: SlaPolicy, threadKey: string, since: number, round: 1 | 2, from = since): NewJob {
    return {
        kind: SLA_JOB,
        payload: { threadKey, since, round },
        orderingKey: `sla:${threadKey}`,
        dedupeKey: `sla-check:${threadKey}:${since}:${round}`,
        runAt: addBusinessMinutes(from, policy.minutes, policy.hours)
    };
}
