import type { Locale } from '../../texts/locales';
import { statusCardTexts } from '../../texts/card-texts';
import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Logger } from '../../lib/logger';
import { getJob, listDeadLetters, replayDeadLetters, type Job } from '../../outbox/job-store';
import { channelDataOf } from '../activity-context';
import type { Repositories } from '../../store/index';
import { isAdmin, type AdminPolicy } from '../admin-check';
import { REPLAY_VERB, statusCard } from '../cards/status-card';
import type { Texts } from '../../texts/i18n';
import { loadStatusView } from '../status-view';

export interface DeadLetterActionDeps {
    repos: Repositories;
    logger: Logger;
    adminPolicy: AdminPolicy;
    textsFor: (activity: TurnContext['activity']) => Texts;
    /** When Teams sends no usable locale. */
    defaultLocale?: Locale;
    /** Wakes the outbox worker after a replay. */
    onReplay: () => void;
}

/**
 * Replays dead letters (admins only) and answers with the result.
 * `which` is `all` or a job id; returns the text to show.
 */
export async function replayFromTeams(context: TurnContext, which: string, deps: DeadLetterActionDeps): Promise<string> {
    const t = deps.textsFor(context.activity);
    if (!(await isAdmin(context, deps.adminPolicy))) return t.replayRefused;
    if (which !== 'all' && !/^\d{1,15}$/.test(which)) return t.replayUsage;
    const ids = await deadLettersInScope(context, deps.repos, which);
    const replayed = await replayDeadLetters(deps.repos.db.kysely, { ids });
    deps.logger.info({ replayed, by: context.activity.from?.id }, 'dead letters replayed from Teams');
    deps.onReplay();
    return t.replayDone(replayed.length);
}

/** The status card's "replay dead letters" button: Action.Execute returns the refreshed card. */
export function registerDeadLetterActions(app: Application<TurnState>, deps: DeadLetterActionDeps): void {
    app.adaptiveCards.actionExecute<{ which?: string }>(REPLAY_VERB, async (context, _state, data) => {
        const message = await replayFromTeams(context, data.which ?? 'all', deps);
        await context.sendActivity(message);
        return statusCard(deps.textsFor(context.activity), await loadStatusView(deps.repos), statusCardTexts(context.activity.locale, deps.defaultLocale ?? 'en'));
    });
    // Clients without Action.Execute send the Action.Submit fallback as a message.
    app.adaptiveCards.actionSubmit<{ which?: string }>(REPLAY_VERB, async (context, _state, data) => {
        await context.sendActivity(await replayFromTeams(context, data.which ?? 'all', deps));
    });
}

/**
 * The dead letters a press may replay: those whose Teams thread (named by a `thread:<key>`
 * ordering key) is in the team and tenant of the press, and those of no thread. An admin of one
 * team cannot replay another team's deliveries.
 */
async function deadLettersInScope(context: TurnContext, repos: Repositories, which: string): Promise<number[]> {
    const jobs: Job[] = which === 'all' ? await listDeadLetters(repos.db.kysely, 1000) : [await getJob(repos.db.kysely, Number(which))].filter((j): j is Job => j?.status === 'dead');
    const data = channelDataOf(context.activity);
    const tenantId = data.tenant?.id ?? context.activity.conversation?.tenantId ?? null;
    const teamId = data.team?.id;
    const ids: number[] = [];
    for (const job of jobs) {
        const threadKey = job.orderingKey.startsWith('thread:') ? job.orderingKey.slice('thread:'.length) : undefined;
        const thread = threadKey ? await repos.threads.get(threadKey) : undefined;
        if (thread && ((thread.tenantId ?? null) !== tenantId || (teamId !== undefined && thread.teamId !== teamId))) continue;
        ids.push(job.id);
    }
    return ids;
}
