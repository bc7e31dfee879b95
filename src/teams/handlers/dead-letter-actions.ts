import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Logger } from '../../lib/logger';
import { replayDeadLetters } from '../../outbox/job-store';
import type { Repositories } from '../../store/index';
import { isAdmin, type AdminPolicy } from '../admin-check';
import { REPLAY_VERB, statusCard } from '../cards/status-card';
import type { Texts } from '../i18n';
import { loadStatusView } from '../status-view';

export interface DeadLetterActionDeps {
    repos: Repositories;
    logger: Logger;
    adminPolicy: AdminPolicy;
    textsFor: (activity: TurnContext['activity']) => Texts;
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
    if (which !== 'all' && !/^\d+$/.test(which)) return t.replayUsage;
    const replayed = await replayDeadLetters(deps.repos.db.kysely, which === 'all' ? 'all' : { id: Number(which) });
    deps.logger.info({ replayed, by: context.activity.from?.id }, 'dead letters replayed from Teams');
    deps.onReplay();
    return t.replayDone(replayed.length);
}

/** The status card's "replay dead letters" button: Action.Execute returns the refreshed card. */
export function registerDeadLetterActions(app: Application<TurnState>, deps: DeadLetterActionDeps): void {
    app.adaptiveCards.actionExecute<{ which?: string }>(REPLAY_VERB, async (context, _state, data) => {
        const message = await replayFromTeams(context, data.which ?? 'all', deps);
        await context.sendActivity(message);
        return statusCard(deps.textsFor(context.activity), await loadStatusView(deps.repos));
    });
    // Clients without Action.Execute send the Action.Submit fallback as a message.
    app.adaptiveCards.actionSubmit<{ which?: string }>(REPLAY_VERB, async (context, _state, data) => {
        await context.sendActivity(await replayFromTeams(context, data.which ?? 'all', deps));
    });
}
