import type { ConversationSnapshot } from '../../domain/conversation';
import type { SnoozeChoice } from '../../domain/snooze';
import { inlineText, safeUrl } from '../../lib/markdown';
import { cardTime, scaledDuration, type ConversationCardTexts } from '../../texts/card-texts';
import { HELPDESK_WORDS } from '../../texts/locales';
import { adaptiveCard, facts, paragraph, type AdaptiveCard, type CardAction, type CardElement } from './adaptive-card';

/** The verbs of the conversation card's buttons (Action.Execute, with Action.Submit fallbacks). */
export const CONVERSATION_VERBS = ['reply', 'note', 'assign_to_me', 'snooze', 'close', 'reopen'] as const;
export type ConversationVerb = (typeof CONVERSATION_VERBS)[number];

/** The id of the card's text box; its value arrives as `data.text`. */
export const REPLY_INPUT_ID = 'text';

/** At most this many buttons show; the rest go to the overflow menu ("…"), as Teams' own cards do. */
export const MAX_PRIMARY_ACTIONS = 3;

/** What matters now, first, with its colour: waiting, escalated, open, snoozed, pending or closed. */
function stateLine(c: ConversationSnapshot, t: ConversationCardTexts, now: number): { text: string; color: string } {
    const assigned = !!(c.adminAssigneeId || c.adminAssigneeName);
    const extra = [c.priority ? t.highPriority : null, !assigned && c.state !== 'closed' ? t.unassigned : null].filter(Boolean).join(' · ');
    const withExtra = (text: string) => (extra ? `${text} · ${extra}` : text);
    if (c.state === 'closed') return { text: t.closed, color: 'Good' };
    if (c.state === 'snoozed') return { text: withExtra(t.snoozedUntil(c.snoozedUntil ? cardTime(c.snoozedUntil, now) : '…')), color: 'Default' };
    if (c.state === 'pending') return { text: withExtra(t.pending), color: 'Default' };
    const escalated = c.fin.participated && (c.fin.resolutionState === 'escalated' || c.fin.resolutionState === 'routed_to_team');
    if (escalated) return { text: withExtra(c.waitingSince ? `${t.escalated} · ${scaledDuration(now - c.waitingSince)}` : t.escalated), color: 'Warning' };
    if (c.waitingSince) return { text: withExtra(t.waiting(scaledDuration(now - c.waitingSince))), color: 'Attention' };
    return { text: withExtra(t.open), color: c.priority ? 'Attention' : 'Good' };
}

/** A button that runs a verb: Action.Execute, falling back to Action.Submit on older clients. */
function execute(title: string, verb: ConversationVerb, c: ConversationSnapshot, extra: { until?: SnoozeChoice; secondary?: boolean; style?: 'positive' } = {}): CardAction {
    const data = { verb, conversationId: c.id, helpdesk: c.source, ...(extra.until ? { until: extra.until } : {}) };
    return {
        type: 'Action.Execute',
        title,
        verb,
        data,
        ...(extra.secondary ? { mode: 'secondary' } : {}),
        ...(extra.style ? { style: extra.style } : {}),
        fallback: { type: 'Action.Submit', title, data }
    };
}

/** The reply box: a labelled, required text, and two actions that cannot be mistaken for each other. */
function replyCard(c: ConversationSnapshot, t: ConversationCardTexts): AdaptiveCard {
    return adaptiveCard(
        [{ type: 'Input.Text', id: REPLY_INPUT_ID, label: t.messageLabel, isMultiline: true, isRequired: true, errorMessage: t.messageRequired, placeholder: t.messagePlaceholder, maxLength: 5000 }],
        [execute(t.sendToCustomer, 'reply', c, { style: 'positive' }), execute(`🔒 ${t.saveNote}`, 'note', c)]
    );
}

/**
 * Only what makes sense now: Reply, then Take it (nobody has it) or Close; Reopen on a closed
 * conversation; the rest — assign, snooze choices (never on a snoozed one), set pending (Zendesk,
 * not when pending), open in the helpdesk — in the overflow menu.
 */
function conversationActions(c: ConversationSnapshot, t: ConversationCardTexts): CardAction[] {
    const url = safeUrl(c.url);
    const open: CardAction | null = url ? { type: 'Action.OpenUrl', title: t.openIn(HELPDESK_WORDS[c.source].name), url } : null;
    if (c.state === 'closed') return [execute(t.reopen, 'reopen', c), ...(open ? [open] : [])];
    const assigned = !!(c.adminAssigneeId || c.adminAssigneeName);
    const primary: CardAction[] = [{ type: 'Action.ShowCard', title: t.reply, card: replyCard(c, t) }, assigned ? execute(t.close, 'close', c) : execute(t.takeIt, 'assign_to_me', c)];
    const secondary: CardAction[] = [];
    if (!assigned) primary.push(execute(t.close, 'close', c));
    else secondary.push(execute(t.assignToMe, 'assign_to_me', c, { secondary: true }));
    if (c.source === 'zendesk') {
        // Zendesk has no snooze times: its snooze is status pending, until the customer answers.
        if (c.state !== 'pending') secondary.push(execute(t.setPending, 'snooze', c, { secondary: true }));
    } else if (c.state !== 'snoozed') {
        // Teams shows at most six actions: the three snooze times are one entry that opens them.
        const choices = adaptiveCard([], [execute(t.snooze1h, 'snooze', c, { until: '1h' }), execute(t.snoozeTomorrow, 'snooze', c, { until: 'tomorrow' }), execute(t.snoozeNextWeek, 'snooze', c, { until: 'next_week' })]);
        secondary.push({ type: 'Action.ShowCard', title: t.snooze, card: choices, mode: 'secondary' });
    } else {
        secondary.push(execute(t.reopen, 'reopen', c, { secondary: true }));
    }
    if (open) secondary.push({ ...open, mode: 'secondary' });
    return [...primary.slice(0, MAX_PRIMARY_ACTIONS), ...secondary];
}

/**
 * The root card of a conversation thread, read at a glance: what matters now (waiting since when,
 * escalated, snoozed, pending, closed; priority; unassigned), the subject as its title, the
 * customer, then assignee, team, tags, tier and rating; the last action from Teams (or one in
 * progress); and only the buttons that make sense now. A closed conversation collapses to a short
 * summary with *Reopen*. Every text is in the reader's language (`t`); absolute times use the
 * card's DATE/TIME functions so each viewer sees their own time zone.
 */
export function conversationCard(c: ConversationSnapshot, t: ConversationCardTexts, options: { now?: number; notice?: string } = {}): AdaptiveCard {
    const now = options.now ?? Date.now();
    const state = stateLine(c, t, now);
    // Everything the customer or the helpdesk chose is escaped: it cannot pose as Deskbridge's words.
    const customer = [inlineText(c.customer.name), inlineText(c.customer.email)].filter(Boolean).join(' · ') || t.customer;
    const body: CardElement[] = [
        { type: 'TextBlock', text: state.text, color: state.color, weight: 'Bolder', wrap: true },
        { type: 'TextBlock', text: inlineText(c.subject, 300) || t.noSubject, size: 'Medium', weight: 'Bolder', wrap: true, maxLines: 3, spacing: 'Small' },
        paragraph(customer, { isSubtle: true, spacing: 'None' })
    ];
    const pairs: Array<[string, string]> = [];
    if (c.state !== 'closed') {
        if (c.adminAssigneeId || c.adminAssigneeName) pairs.push([t.assignee, (c.adminAssigneeName ? inlineText(c.adminAssigneeName) : `#${inlineText(c.adminAssigneeId)}`)]);
        if (c.teamAssigneeId || c.teamAssigneeName) pairs.push([t.team, (c.teamAssigneeName ? inlineText(c.teamAssigneeName) : `#${inlineText(c.teamAssigneeId)}`)]);
        if (c.tags.length > 0) pairs.push([t.tags, c.tags.map((tag) => inlineText(tag, 60)).join(', ')]);
        if (c.tier) pairs.push([t.tier, inlineText(c.tier, 60)]);
        if (c.waitingSince && c.state === 'open') pairs.push([t.since, cardTime(c.waitingSince, now)]);
    } else if (c.adminAssigneeId || c.adminAssigneeName) {
        pairs.push([t.assignee, (c.adminAssigneeName ? inlineText(c.adminAssigneeName) : `#${inlineText(c.adminAssigneeId)}`)]);
    }
    if (c.rating) {
        pairs.push([t.rating, `${t.ratingScore(c.rating)}${c.rating.comment ? ` · “${inlineText(c.rating.comment, 200)}”` : ''}`]);
    }
    if (pairs.length > 0) body.push(facts(pairs));
    const status = options.notice ?? c.lastAction;
    if (status) body.push(paragraph(status, { size: 'Small', isSubtle: !options.notice, spacing: 'Small' }));
    return adaptiveCard(body, conversationActions(c, t));
}
