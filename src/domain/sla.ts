import { z } from 'zod/v4';
import { jobType } from '../outbox/job-type';
import type { NewJob } from '../outbox/job-store';
import { addBusinessMinutes, type BusinessHours } from './business-hours';

/** The first-response target: minutes of business time a customer may wait for a human. */
export interface SlaPolicy {
    minutes: number;
    hours: BusinessHours;
}

/** `sla.first_response`, one per wait and round. */
export const SLA_CHECK = jobType({
    kind: 'sla.first_response',
    peer: 'deskbridge',
    payload: z.object({ threadKey: z.string().min(1), since: z.number(), round: z.union([z.literal(1), z.literal(2)]) }),
    orderingKey: (p) => `sla:${p.threadKey}`,
    dedupeKey: (p) => `sla-check:${p.threadKey}:${p.since}:${p.round}`
});
export const SLA_JOB = SLA_CHECK.kind;

/**
 * The check of one wait: due when the wait reaches the target (round 1: a reminder in the
 * thread) and again one target later (round 2: escalation to the escalations channel). A wait
 * that ended meanwhile makes the check do nothing.
 */
export function slaCheckJob(policy: SlaPolicy, threadKey: string, since: number, round: 1 | 2, from = since): NewJob {
    return SLA_CHECK.create({ threadKey, since, round }, { runAt: addBusinessMinutes(from, policy.minutes, policy.hours) });
}
