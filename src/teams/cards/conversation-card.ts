import type { ConversationSnapshot } from '../../domain/conversation';
import { adaptiveCard, facts, paragraph, type AdaptiveCard, type CardElement } from './adaptive-card';

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
    if (c.fin.resolutionState) return `Answered (${c.fin.resolutionState.replace(/_/g, ' ')})`;
    return 'Answered';
}

function assigneeText(c: ConversationSnapshot): string {
    const admin = c.adminAssigneeId ? (c.adminAssigneeName ?? `Admin ${c.adminAssigneeId}`) : null;
    const team = c.teamAssigneeId ? (c.teamAssigneeName ?? `Team ${c.teamAssigneeId}`) : null;
    if (admin && team) return `${admin} (${team})`;
    return admin ?? team ?? 'Unassigned';
}

/**
 * The root card of a conversation thread: who, about what, state, assignee, priority, tags,
 * Fin's status, how long the customer waits, and a link to the conversation in Intercom.
 */
export function conversationCard(c: ConversationSnapshot, now = Date.now()): AdaptiveCard {
    const customer = [c.customer.name, c.customer.email ? `<${c.customer.email}>` : null].filter(Boolean).join(' ') || 'Customer';
    const pairs: Array<[string, string]> = [
        ['State', stateText(c)],
        ['Assignee', assigneeText(c)],
        ['Priority', c.priority ? 'Priority' : 'Normal']
    ];
    if (c.tags.length > 0) pairs.push(['Tags', c.tags.join(', ')]);
    const fin = finText(c);
    if (fin) pairs.push(['Fin', fin]);
    if (c.waitingSince && c.state === 'open') pairs.push(['Waiting since', `${when(c.waitingSince)} (${Math.max(0, Math.round((now - c.waitingSince) / 60000))} min)`]);
    const body: CardElement[] = [
        { type: 'TextBlock', text: customer, weight: 'Bolder', size: 'Medium', wrap: true },
        paragraph(c.subject || '(no subject)', { isSubtle: true, maxLines: 3 }),
        facts(pairs)
    ];
    return adaptiveCard(body, [{ type: 'Action.OpenUrl', title: 'Open in Intercom', url: c.url }]);
}
