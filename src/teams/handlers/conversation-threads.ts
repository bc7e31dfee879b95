import { singleLine } from '../../lib/markdown';
import type { Activity, TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Locale } from '../../config';
import { splitThreadKey } from '../../domain/thread-key';
import { isHelpdesk } from '../../domain/helpdesk';
import type { AgentAction } from '../../domain/agent-action';
import { asSnapshot } from '../../domain/conversation';
import { cardAttachment } from '../cards/adaptive-card';
import { conversationCard } from '../cards/conversation-card';
import type { Logger } from '../../lib/logger';
import type { ConversationSnapshotsRepo } from '../../store/conversation-snapshots-repo';
import { parseCommand, type ParsedText } from '../commands/parse-command';
import { conversationCardTexts } from '../../texts/card-texts';
import { conversationTexts, type ConversationTexts } from '../../texts/conversation-texts';
import { requestAction, threadKeyOfActivity, type ConversationActionDeps } from '../conversation-actions';

export interface ConversationThreadDeps extends ConversationActionDeps {
    snapshots: ConversationSnapshotsRepo;
    logger: Logger;
    defaultLocale: Locale;
    /** Words that, after an @mention, are commands to the bot rather than text for the customer. */
    botCommands: ReadonlySet<string>;
}

/**
 * A reply inside a channel thread. Teams gives a new root post a conversation id ending in
 * `;messageid=<its own id>`; a reply's id ends in its thread's root id.
 */
export function isThreadReply(activity: Activity): boolean {
    if (activity.conversation?.conversationType !== 'channel') return false;
    const root = /;messageid=(.+)$/.exec(activity.conversation?.id ?? '')?.[1];
    return root !== undefined && root !== activity.id;
}

/** `@Deskbridge status` typed in a thread is still a command to the bot. */
export function isBotCommand(activity: Activity, parsed: ParsedText, commands: ReadonlySet<string>, botId: string | undefined): boolean {
    const mentioned = (activity.entities ?? []).some((e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === botId);
    return mentioned && !parsed.hashed && commands.has(parsed.command);
}

type ThreadCommand = (text: ParsedText, t: ConversationTexts) => AgentAction | string;

/** `#` commands of a conversation thread; a string is the answer, an action is queued. */
const THREAD_COMMANDS: Record<string, ThreadCommand> = {
    note: (p, t) => (p.rest ? { type: 'note', text: p.rest } : t.needsText(p.command)),
    nota: (p, t) => THREAD_COMMANDS.note!(p, t),
    notiz: (p, t) => THREAD_COMMANDS.note!(p, t),
    claim: () => ({ type: 'assign_to_me' }),
    assumir: () => ({ type: 'assign_to_me' }),
    close: () => ({ type: 'close' }),
    fechar: () => ({ type: 'close' }),
    reopen: () => ({ type: 'reopen' }),
    reabrir: () => ({ type: 'reopen' }),
    help: (_p, t) => t.threadHelp,
    ajuda: (_p, t) => t.threadHelp,
    hilfe: (_p, t) => t.threadHelp,
    pausar: (p, t) => t.notInThisThread(p.command),
    pause: (p, t) => t.notInThisThread(p.command),
    voltar: (p, t) => t.notInThisThread(p.command),
    resume: (p, t) => t.notInThisThread(p.command)
};

/**
 * Messages in the thread of a helpdesk conversation (Intercom, Zendesk): plain text is the agent's public reply,
 * `#note …` an internal note, `#claim`, `#close`, `#reopen` act on the conversation, `#status`
 * shows the card again, `#help` lists the commands. Each action is queued; its job answers.
 */
export function registerConversationThreads(app: Application<TurnState>, deps: ConversationThreadDeps): void {
    const selector = async (context: TurnContext): Promise<boolean> => {
        const a = context.activity;
        if (a.type !== 'message' || !isThreadReply(a) || (!a.text && a.value)) return false;
        if (isBotCommand(a, parseCommand(a.text), deps.botCommands, a.recipient?.id)) return false;
        const key = await threadKeyOfActivity(context, deps.threads);
        return key !== undefined && isHelpdesk(splitThreadKey(key).source);
    };

    app.activity(selector, async (context) => {
        const threadKey = (await threadKeyOfActivity(context, deps.threads))!;
        const source = splitThreadKey(threadKey).source;
        const t = conversationTexts(context.activity.locale, deps.defaultLocale, isHelpdesk(source) ? source : undefined);
        const parsed = parseCommand(context.activity.text);
        if (!parsed.text) return;
        let outcome: AgentAction | string;
        if (parsed.hashed && parsed.command === 'status') {
            const snapshot = asSnapshot(await deps.snapshots.get(threadKey));
            if (snapshot) {
                await context.sendActivity({ attachments: [cardAttachment(conversationCard(snapshot, conversationCardTexts(context.activity.locale, deps.defaultLocale)))], summary: singleLine(snapshot.subject, 100) });
                return;
            }
            outcome = t.threadHelp;
        } else if (parsed.hashed) {
            outcome = THREAD_COMMANDS[parsed.command]?.(parsed, t) ?? t.unknownThreadCommand(parsed.command);
        } else {
            outcome = { type: 'reply', text: parsed.text };
        }
        if (typeof outcome === 'string') {
            await context.sendActivity(outcome);
            return;
        }
        if (!deps.connected(source)) {
            await context.sendActivity(t.notConnected);
            return;
        }
        const agent = await requestAction(context, deps, threadKey, outcome);
        deps.logger.info({ threadKey, action: outcome.type, agent: agent.id }, 'agent action queued from a thread message');
    });
}
