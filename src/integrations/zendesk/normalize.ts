import type { ConversationMessage, ConversationSnapshot, PartKind, SatisfactionRating } from '../../domain/conversation';
import { helpdeskBodyToTeams } from '../../lib/html-to-teams';
import type { ZendeskComment, ZendeskTicket, ZendeskUser } from './schemas';

/** The agent interface's link to a ticket. */
export function zendeskTicketUrl(baseUrl: string, ticketId: string): string {
    return `${baseUrl}/agent/tickets/${ticketId}`;
}

/** Zendesk's statuses as the card's states: new/open → open, pending/hold → pending, solved/closed → closed. */
function stateOf(status: string): string {
    const s = status.toLowerCase();
    if (s === 'solved' || s === 'closed') return 'closed';
    if (s === 'pending' || s === 'hold') return 'pending';
    return 'open';
}

const time = (iso: string | null | undefined): number | null => {
    const ms = iso ? Date.parse(iso) : NaN;
    return Number.isFinite(ms) ? ms : null;
};

/** The customer's rating, once given (`offered`/`unoffered` are no rating). */
function ratingOf(t: ZendeskTicket): SatisfactionRating | null {
    const r = t.satisfaction_rating;
    if (!r || (r.score !== 'good' && r.score !== 'bad')) return null;
    return { score: r.score, comment: r.comment?.trim() ? r.comment.trim().slice(0, 1000) : null, at: time(r.updated_at) ?? time(t.updated_at) ?? Date.now() };
}

/** The snapshot of a ticket for its card; `requester` is the customer, when Zendesk gave their user. */
export function normalizeTicket(t: ZendeskTicket, baseUrl: string, requester: ZendeskUser | undefined): ConversationSnapshot {
    const priority = (t.priority ?? '').toLowerCase();
    return {
        source: 'zendesk',
        id: t.id,
        url: zendeskTicketUrl(baseUrl, t.id),
        customer: { name: requester?.name ?? null, email: requester?.email ?? null },
        subject: (t.subject || t.raw_subject || (t.description ?? '').split('\n')[0] || '').slice(0, 200),
        state: stateOf(t.status),
        snoozedUntil: null,
        adminAssigneeId: t.assignee_id,
        teamAssigneeId: t.group_id,
        priority: priority === 'high' || priority === 'urgent',
        tags: t.tags.slice(0, 50),
        fin: { participated: false, resolutionState: null },
        createdAt: time(t.created_at) ?? Date.now(),
        waitingSince: null,
        rating: ratingOf(t)
    };
}

/** Who wrote a comment: the requester or an end user → customer; a private comment → note; agents → admin. */
function kindOf(c: ZendeskComment, ticket: ZendeskTicket, author: ZendeskUser | undefined): PartKind {
    if (!c.public) return 'note';
    if (c.author_id && c.author_id === ticket.requester_id) return 'customer';
    if (author?.role === 'end-user') return 'customer';
    if (author?.role === 'agent' || author?.role === 'admin') return 'admin';
    // Triggers, automations and the system write as no user (or Zendesk's system user).
    return 'bot';
}

/** Compares two Zendesk ids (decimal strings) numerically. */
export const idAfter = (id: string, cursor: string | null | undefined): boolean => !cursor || BigInt(id) > BigInt(cursor);

/**
 * The comments to mirror: those after the snapshot's cursor (all of them for a new thread, the
 * first being the ticket's description), with their authors' names; public and private
 * comments are told apart, attachments become links.
 */
export function commentsToMessages(comments: readonly ZendeskComment[], ticket: ZendeskTicket, users: ReadonlyMap<string, ZendeskUser>, baseUrl: string, cursor: string | null | undefined): ConversationMessage[] {
    const url = zendeskTicketUrl(baseUrl, ticket.id);
    return comments
        .filter((c) => idAfter(c.id, cursor))
        .map((c) => {
            const author = c.author_id ? users.get(c.author_id) : undefined;
            const kind = kindOf(c, ticket, author);
            return {
                id: c.id,
                source: 'zendesk' as const,
                kind,
                authorName: author?.name || author?.email || (kind === 'bot' ? 'Zendesk' : 'Customer'),
                text: helpdeskBodyToTeams(c.html_body ?? c.plain_body ?? c.body, { url, label: 'Read the rest in Zendesk' }),
                attachments: c.attachments.map((a) => ({ name: a.file_name ?? 'attachment', url: a.content_url })),
                createdAt: time(c.created_at) ?? Date.now()
            };
        })
        .filter((m) => m.text.length > 0 || m.attachments.length > 0);
}

/** The newest comment id, the cursor of the next read. */
export function newestCommentId(comments: readonly ZendeskComment[], before: string | null | undefined): string | null {
    return comments.reduce<string | null>((max, c) => (idAfter(c.id, max) ? c.id : max), before ?? null);
}
