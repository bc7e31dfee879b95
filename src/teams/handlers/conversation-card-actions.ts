import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Locale } from '../../config';
import { splitThreadKey } from '../../domain/thread-key';
import { isHelpdesk } from '../../domain/helpdesk';
import type { AgentAction } from '../../domain/agent-action';
import { asSnapshot } from '../../domain/conversation';
import { SNOOZE_CHOICES, snoozeUntil, type SnoozeChoice } from '../../domain/snooze';
import type { Logger } from '../../lib/logger';
import type { ConversationSnapshotsRepo } from '../../store/conversation-snapshots-repo';
import { CONVERSATION_VERBS, conversationCard, REPLY_INPUT_ID, type ConversationVerb } from '../cards/conversation-card';
import type { AdaptiveCard } from '../cards/adaptive-card';
import { conversationCardTexts } from '../../texts/card-texts';
import { conversationTexts, type ConversationTexts } from '../../texts/conversation-texts';
import { requestAction, threadKeyOfActivity, type ConversationActionDeps } from '../conversation-actions';
import { inlineText } from '../../lib/markdown';

export interface ConversationCardDeps extends ConversationActionDeps {
    snapshots: ConversationSnapshotsRepo;
    logger: Logger;
    defaultLocale: Locale;
}

interface ButtonData {
    conversationId?: string;
    helpdesk?: string;
    [REPLY_INPUT_ID]?: string;
    until?: string;
}

/** The action of a button press, or what to tell the agent instead. */
function actionOf(verb: ConversationVerb, data: ButtonData, context: TurnContext, t: ConversationTexts): AgentAction | string {
    const text = (data[REPLY_INPUT_ID] ?? '').trim();
    switch (verb) {
        case 'reply':
        case 'note':
            return text ? { type: verb, text } : t.needsText(verb === 'reply' ? 'reply' : 'note');
        case 'snooze': {
            const choice = (SNOOZE_CHOICES as readonly string[]).includes(data.until ?? '') ? (data.until as SnoozeChoice) : '1h';
            return { type: 'snooze', until: snoozeUntil(choice, Date.now(), context.activity.localTimezone) };
        }
        default:
            return { type: verb };
    }
}

/**
 * The conversation card's buttons. The conversation is the one of the card that was pressed
 * (the thread of the invoke, or the root post it answers); the button's data is only a fallback
 * for cards outside a known thread. Action.Execute answers with the card showing the action as
 * pending; the job then refreshes the card and acknowledges in the thread, or says why it failed.
 */
export function registerConversationCardActions(app: Application<TurnState>, deps: ConversationCardDeps): void {
    /** Queues the action; returns the answer text when there is nothing to queue. */
    const handle = async (context: TurnContext, verb: ConversationVerb, data: ButtonData): Promise<{ threadKey?: string; answer?: string; notice?: string }> => {
        const threadKey = (await threadKeyOfActivity(context, deps.threads)) ?? (data.conversationId ? `${data.helpdesk ?? 'intercom'}:${data.conversationId}` : undefined);
        const source = threadKey ? splitThreadKey(threadKey).source : '';
        const t = conversationTexts(context.activity.locale, deps.defaultLocale, isHelpdesk(source) ? source : undefined);
        if (!threadKey || !isHelpdesk(source)) return { answer: t.threadHelp };
        if (!deps.connected(source)) return { threadKey, answer: t.notConnected };
        const action = actionOf(verb, data, context, t);
        if (typeof action === 'string') return { threadKey, answer: action };
        const agent = await requestAction(context, deps, threadKey, action, true);
        deps.logger.info({ threadKey, action: action.type, agent: agent.id }, 'agent action queued from the card');
        return { threadKey, notice: t.pending(t.label[action.type], inlineText(agent.name)) };
    };

    const cardOf = async (context: TurnContext, threadKey: string | undefined, notice: string | undefined): Promise<AdaptiveCard | undefined> => {
        const snapshot = threadKey ? asSnapshot(await deps.snapshots.get(threadKey)) : undefined;
        // The card as the one who pressed reads it: their language.
        return snapshot ? conversationCard(snapshot, conversationCardTexts(context.activity.locale, deps.defaultLocale), { notice }) : undefined;
    };

    for (const verb of CONVERSATION_VERBS) {
        app.adaptiveCards.actionExecute<ButtonData>(verb, async (context, _state, data) => {
            const result = await handle(context, verb, data);
            // Nothing queued: tell only the agent who pressed, leave the card as it is.
            if (result.answer) return result.answer;
            return (await cardOf(context, result.threadKey, result.notice)) ?? result.notice ?? '';
        });
        // Clients without Action.Execute send the fallback Action.Submit as a message.
        app.adaptiveCards.actionSubmit<ButtonData>(verb, async (context, _state, data) => {
            const result = await handle(context, verb, data);
            await context.sendActivity(result.answer ?? result.notice ?? '');
        });
    }
}
