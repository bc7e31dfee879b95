import type { JobHandler } from '../outbox/job-handler';
import type { NewJob } from '../outbox/job-store';
import type { ChannelBindingsRepo } from '../store/channel-bindings-repo';
import type { TeamsPeopleRepo } from '../store/teams-people-repo';
import type { ThreadActivityRepo } from '../store/thread-activity-repo';
import type { ThreadsRepo } from '../store/threads-repo';
import type { TeamsRepo } from '../store/teams-repo';
import { personMention, textMessage, type ThreadPoster } from './thread-post';
import type { SlaTexts } from '../texts/sla-texts';
import { SLA_CHECK, slaCheckJob, type SlaPolicy } from './sla';
import { inlineText } from '../lib/markdown';

export interface SlaCheckDeps {
    policy: SlaPolicy;
    activity: ThreadActivityRepo;
    people: TeamsPeopleRepo;
    bindings: ChannelBindingsRepo;
    threads: ThreadsRepo;
    teams: TeamsRepo;
    texts: SlaTexts;
    /** Posts reminders in threads and escalations in the channel bound to `escalations`. */
    poster: ThreadPoster;
    /** Who should answer a thread (the conversation's assignee, the lead's responsible user), if known. */
    assigneeOf: (threadKey: string) => Promise<{ name: string | null; email: string | null } | undefined>;
    /** A name for the customer of a thread, for the escalation post. */
    customerOf: (threadKey: string) => Promise<string>;
}

/**
 * `sla.first_response`: when a wait reaches the target, a reminder in the thread @mentions the
 * assignee (when their email is a Teams user Deskbridge knows) or asks who takes it; one target
 * later, if the customer still waits, a post in the channel bound to `escalations`. One reminder
 * per wait and round: a human answer ends the wait and the checks do nothing.
 */
export function slaCheckHandler(deps: SlaCheckDeps): JobHandler {
    const t = deps.texts;
    return SLA_CHECK.handler({
        async run(p, context) {
            const activity = await deps.activity.get(p.threadKey);
            if (!activity || activity.waitingSince !== p.since) return;
            const minutes = Math.round((Date.now() - p.since) / 60000);
            const jobs: NewJob[] = [];
            if (p.round === 1) {
                const assignee = await deps.assigneeOf(p.threadKey).catch(() => undefined);
                const person = assignee?.email ? await deps.people.byEmail(assignee.email) : undefined;
                if (person) {
                    const mention = personMention(person.userId, person.name ?? assignee?.name);
                    jobs.push(deps.poster.reply(p.threadKey, textMessage(t.reminder(minutes, mention.text), [mention]), `sla-reminder:${p.threadKey}:${p.since}`));
                } else {
                    jobs.push(deps.poster.reply(p.threadKey, textMessage(t.reminder(minutes, assignee?.name ? inlineText(assignee.name) : null)), `sla-reminder:${p.threadKey}:${p.since}`));
                }
                jobs.push(slaCheckJob(deps.policy, p.threadKey, p.since, 2, Date.now()));
            } else if (await deps.bindings.get('escalations')) {
                const thread = await deps.threads.get(p.threadKey);
                const channel = thread ? ((await deps.teams.getChannel(thread.channelId))?.name ?? thread.channelId) : p.threadKey;
                jobs.push(deps.poster.start(`escalation:${p.threadKey}:${p.since}`, { stream: 'escalations' }, textMessage(t.escalation(minutes, inlineText(await deps.customerOf(p.threadKey)), inlineText(channel))), `sla-escalation:${p.threadKey}:${p.since}`));
            } else {
                jobs.push(deps.poster.reply(p.threadKey, textMessage(t.secondReminder(minutes)), `sla-second:${p.threadKey}:${p.since}`));
            }
            await context.enqueue(jobs);
        }
    });
}
