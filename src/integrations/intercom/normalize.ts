import type { ConversationMessage, ConversationSnapshot, PartKind } from '../../domain/conversation';
import { intercomBodyToTeams } from '../../lib/html-to-teams';
import type { IntercomConversation, IntercomPart } from './schemas';

/** Intercom's inbox link for a conversation. */
export function intercomConversationUrl(appId: string | undefined, conversationId: string): string {
    return appId ? `https://app.intercom.com/a/apps/${appId}/inbox/inbox/all/conversations/${conversationId}` : `https://app.intercom.com/a/inbox/conversations/${conversationId}`;
}

/** The snapshot of a conversation for its card. */
export function normalizeConversation(c: IntercomConversation, appId: string | undefined): ConversationSnapshot {
    const url = intercomConversationUrl(appId, c.id);
    const firstMessage = intercomBodyToTeams(c.source.body, url).split('\n')[0] ?? '';
    return {
        source: 'intercom',
        id: c.id,
        url,
        customer: { name: c.source.author.name ?? null, email: c.source.author.email ?? null },
        subject: (c.title || c.source.subject || firstMessage || '').slice(0, 200),
        state: c.state,
        snoozedUntil: c.snoozed_until ? c.snoozed_until * 1000 : null,
        adminAssigneeId: c.admin_assignee_id,
        teamAssigneeId: c.team_assignee_id,
        priority: c.priority === 'priority',
        tags: c.tags?.tags.map((t) => t.name) ?? [],
        fin: { participated: c.ai_agent_participated === true, resolutionState: c.ai_agent?.resolution_state ?? null },
        createdAt: c.created_at * 1000,
        waitingSince: c.waiting_since ? c.waiting_since * 1000 : null,
        rating: c.conversation_rating?.rating ? { score: c.conversation_rating.rating as 1 | 2 | 3 | 4 | 5, comment: c.conversation_rating.remark ?? null, at: (c.conversation_rating.created_at ?? c.updated_at ?? c.created_at) * 1000 } : null
    };
}

/** Part types that carry a message; assignment, state and tag events update the card only. */
const MESSAGE_PARTS = new Set(['comment', 'note', 'open', 'close']);

function kindOf(part: IntercomPart): PartKind {
    if (part.part_type === 'note') return 'note';
    if (part.author.type === 'user' || part.author.type === 'lead' || part.author.type === 'contact') return 'customer';
    if (part.author.type === 'bot') return part.author.from_ai_agent === false ? 'bot' : 'fin';
    return 'admin';
}

/**
 * The messages of a delivery to mirror: parts with a body, plus the opening message on creation
 * (or when the thread starts from a later event).
 */
export function messagesOf(c: IntercomConversation, topic: string, appId: string | undefined, options: { withOpening?: boolean } = {}): ConversationMessage[] {
    const url = intercomConversationUrl(appId, c.id);
    const messages: ConversationMessage[] = [];
    if (topic === 'conversation.user.created' || options.withOpening) {
        messages.push({
            id: `source-${c.id}`,
            kind: 'customer',
            authorName: c.source.author.name || c.source.author.email || 'Customer',
            text: intercomBodyToTeams(c.source.body, url),
            attachments: c.source.attachments.map((a) => ({ name: a.name ?? 'attachment', url: a.url })),
            createdAt: c.created_at * 1000
        });
    }
    for (const part of c.conversation_parts?.conversation_parts ?? []) {
        const text = intercomBodyToTeams(part.body, url);
        if (!MESSAGE_PARTS.has(part.part_type) || (!text && part.attachments.length === 0)) continue;
        messages.push({
            id: part.id,
            kind: kindOf(part),
            authorName: part.author.name || part.author.email || (part.author.type === 'bot' ? 'Fin' : 'Intercom'),
            text,
            attachments: part.attachments.map((a) => ({ name: a.name ?? 'attachment', url: a.url })),
            createdAt: part.created_at * 1000
        });
    }
    return messages;
}
