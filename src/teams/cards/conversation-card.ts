import type { ConversationSnapshot } from '../../domain/conversation';
import { SNOOZE_CHOICES, type SnoozeChoice } from '../../domain/snooze';
import { adaptiveCard, facts, paragraph, type AdaptiveCard, type CardAction, type CardElement } from './adaptive-card';
import { inlineText, safeUrl } from '../../lib/markdown';
import { HELPDESK_WORDS } from '../../texts/locales';
import { supportTexts } from '../../texts/support-texts';

/** The verbs of the conversation card's buttons (Action.Execute, with Action.Submit fallbacks). */
export const CONVERSATION_VERBS = ['reply', 'note', 'assign_to_me', 'snooze', 'close', 'reopen'] as const;
export type ConversationVerb = (typeof CONVERSATION_VERBS)[number];

/** The id of the card's text box; its value arrives as `data.text`. */
export const REPLY_INPUT_ID = 'text';

const SNOOZE_TITLES: Record<SnoozeChoice, string> = { '1h': 'For 1 hour', tomorrow: 'Until tomorrow 9:00', next_week: 'Until next week' };

function when(ms: number): string {
    return new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

function stateText(c: ConversationSnapshot): string {
    if (c.state === 'snoozed' && c.snoozedUntil) return `Snoozed until ${when(c.snoozedUntil)}`;
    return c.state.charAt(0).toUpperCase() + c.state.slice(1);
}

function finText(c: ConversationSnapshot): string | undefined {
    if (!c.fin.participated) return undefined;
    if (c.fin.resolutionState === 'escalated' || c.fin.resolutionState === 'routed_to_team') return 'Escalated to a human';
    if (c.fin.resolutionState) return `Answered (${inlineText(c.fin.resolutionState.replace(/_/g, ' '))})`;
    return 'Answered';
}

function assigneeText(c: ConversationSnapshot): string {
    const admin = c.adminAssigneeId ? inlineText(c.adminAssigneeName ?? `Admin ${c.adminAssigneeId}`) : null;
    const team = c.teamAssigneeId ? inlineText(c.teamAssigneeName ?? `Team ${c.teamAssigneeId}`) : null;
    if (admin && team) return `${admin} (${team})`;
    return admin ?? team ?? 'Unassigned';
}

/** A button that runs a verb: Action.Execute, falling back to Action.Submit on older clients. */
function execute(title: string, verb: ConversationVerb, c: ConversationSnapshot, extra: Record<string, string> = {}): CardAction {
    const data = { verb, conversationId: c.id, helpdesk: c.source, ...extra };
    return { type: 'Action.Execute', title, verb, data, fallback: { type: 'Action.Submit', title, data } };
}

/** The buttons: reply or note (text box), assign to me, snooze (three choices), close or reopen. */
function conversationActions(c: ConversationSnapshot): CardAction[] {
    const replyCard = adaptiveCard(
        [{ type: 'Input.Text', id: REPLY_INPUT_ID, isMultiline: true, placeholder: 'Write to the customer, or a note for the team', maxLength: 5000 }],
        [execute('Send reply', 'reply', c), execute('Add internal note', 'note', c)]
    );
    const snoozeCard = adaptiveCard([], SNOOZE_CHOICES.map((choice) => execute(SNOOZE_TITLES[choice], 'snooze', c, { until: choice })));
    const actions: CardAction[] = [{ type: 'Action.ShowCard', title: 'Reply…', card: replyCard }, execute('Assign to me', 'assign_to_me', c)];
    if (c.state === 'closed') {
        actions.push(execute('Reopen', 'reopen', c));
    } else {
        // Zendesk has no snooze time: its "snooze" is status pending, until the customer answers.
        if (c.source === 'zendesk') {
            if (c.state !== 'pending') actions.push(execute('Set pending', 'snooze', c));
        } else {
            actions.push({ type: 'Action.ShowCard', title: 'Snooze…', card: snoozeCard });
        }
        actions.push(execute('Close', 'close', c));
    }
    const url = safeUrl(c.url);
    if (url) actions.push({ type: 'Action.OpenUrl', title: `Open in ${HELPDESK_WORDS[c.source].name}`, url });
    return actions;
}

/**
 * The root card of a conversation thread: who, about what, state, assignee, priority, tags,
 * Fin's status, how long the customer waits, the last action from Teams (or one in progress),
 * the buttons to act, and a link to the conversation in Intercom.
 */
export function conversationCard(c: ConversationSnapshot, options: { now?: number; notice?: string } = {}): AdaptiveCard {
    const now = options.now ?? Date.now();
    // Everything the customer or the helpdesk chose is escaped: it cannot pose as Deskbridge's words.
    const customer = [inlineText(c.customer.name), c.customer.email ? `(${inlineText(c.customer.email)})` : null].filter(Boolean).join(' ') || 'Customer';
    const pairs: Array<[string, string]> = [
        ['State', stateText(c)],
        ['Assignee', assigneeText(c)],
        ['Priority', c.priority ? 'Priority' : 'Normal']
    ];
    if (c.tags.length > 0) pairs.push(['Tags', c.tags.map((tag) => inlineText(tag, 60)).join(', ')]);
    if (c.rating) pairs.push(['Rating', `${supportTexts(undefined, 'en').ratingScore(c.rating)}${c.rating.comment ? ` · “${inlineText(c.rating.comment, 200)}”` : ''}`]);
    if (c.tier) pairs.push(['Tier', inlineText(c.tier, 60)]);
    const fin = finText(c);
    if (fin) pairs.push(['Fin', fin]);
    if (c.waitingSince && c.state === 'open') pairs.push(['Waiting since', `${when(c.waitingSince)} (${Math.max(0, Math.round((now - c.waitingSince) / 60000))} min)`]);
    const body: CardElement[] = [
        { type: 'TextBlock', text: customer, weight: 'Bolder', size: 'Medium', wrap: true },
        paragraph(inlineText(c.subject, 500) || '(no subject)', { isSubtle: true, maxLines: 3 }),
        facts(pairs)
    ];
    const status = options.notice ?? c.lastAction;
    if (status) body.push(paragraph(status, { size: 'Small', isSubtle: !options.notice, spacing: 'Small' }));
    return adaptiveCard(body, conversationActions(c));
}
