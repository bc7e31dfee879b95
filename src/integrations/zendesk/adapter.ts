import type { AgentAction } from '../../domain/agent-action';
import type { ConversationSnapshot } from '../../domain/conversation';
import type { Actor, HelpdeskAdapter } from '../../domain/helpdesk';
import { DeliveryError } from '../../lib/delivery-error';
import { textToHtml } from '../../lib/text-to-html';
import type { TicketUpdate, ZendeskClient } from './client';
import type { ZendeskDirectory } from './directory';
import { commentsToMessages, newestCommentId, normalizeTicket, zendeskTicketUrl } from './normalize';
import type { ZendeskUser } from './schemas';

export interface ZendeskAdapterOptions {
    client: ZendeskClient;
    directory: ZendeskDirectory;
    baseUrl: string;
    /** `ZENDESK_DEFAULT_AUTHOR_ID`: agents without a Zendesk user write as this user, signed. */
    defaultAuthorId?: string;
    /** `ZENDESK_TIER_FIELD`: the user or organization field holding the customer's tier. */
    tierField?: string;
}

/**
 * Zendesk Support as a helpdesk of the support flow: agents are Zendesk agents (matched by email,
 * or an admin's `@Deskbridge link`); every action is one ticket update, made as the agent
 * (API token + their email) so Zendesk attributes it to them; the comments it created are read
 * from the update's audit.
 */
export function zendeskAdapter(options: ZendeskAdapterOptions): HelpdeskAdapter {
    const { client, directory } = options;
    return {
        source: 'zendesk',
        snooze: 'pending',
        /**
         * `GET /api/v2/tickets/{id}.json`, its latest comments (`GET …/comments.json`) and their
         * authors (`users/show_many`); the comments after the snapshot's cursor are the new ones.
         */
        async fetch(ticketId, previous, want) {
            const ticket = await client.findTicket(ticketId);
            if (!ticket) return undefined;
            const comments = await client.latestComments(ticketId);
            const users = await directory.usersById([ticket.requester_id, ...comments.map((c) => c.author_id)]);
            const requester = ticket.requester_id ? users.get(ticket.requester_id) : undefined;
            const snapshot = normalizeTicket(ticket, options.baseUrl, requester);
            const messages = commentsToMessages(comments, ticket, users, options.baseUrl, previous?.cursor);
            snapshot.cursor = newestCommentId(comments, previous?.cursor);
            if (want.tier) snapshot.tier = await tierOf(client, requester, options.tierField ?? 'tier');
            return { snapshot, messages };
        },
        conversationUrl: (id) => zendeskTicketUrl(options.baseUrl, id),
        defaultAgentId: options.defaultAuthorId,
        agentByEmail: (email) => directory.agentByEmail(email).then((u) => (u ? { id: u.id, name: u.name ?? null, email: u.email ?? null } : undefined)),
        agentById: (id) => directory.userById(id).then((u) => (u ? { id: u.id, name: u.name ?? null, email: u.email ?? null } : undefined)),
        linkedAgentId: (agent) => agent.zendeskUserId,
        async act(ticketId, action, actor) {
            // As the agent when the token allows it; the shared author's actions go as the integration user.
            const asEmail = client.canActAs && !actor.onBehalf ? actor.email : null;
            const { ticket, commentIds } = await client.update(ticketId, toUpdate(action, actor), asEmail);
            const requester = ticket.requester_id ? await directory.userById(ticket.requester_id).catch(() => undefined) : undefined;
            return { snapshot: normalizeTicket(ticket, options.baseUrl, requester), createdIds: commentIds };
        },
        isGone: (err) => err instanceof DeliveryError && (err.status === 404 || err.status === 410),
        describe: (snapshot) => describeWith(directory, snapshot),
        async categorize(ticketId, category) {
            await client.update(ticketId, { type: 'categorize', tag: category.tag, priority: category.priority });
            return { tagged: true, prioritized: category.priority };
        },
        readyIn: () => client.rateGate.waitMs()
    };
}

/** Fills the assignee and group names of a snapshot (ids stay when Zendesk cannot be asked). */
export async function describeWith(directory: ZendeskDirectory, snapshot: ConversationSnapshot): Promise<void> {
    const names = await directory.assigneeNames(snapshot.adminAssigneeId, snapshot.teamAssigneeId);
    snapshot.adminAssigneeName = names.admin;
    snapshot.teamAssigneeName = names.team;
}

/** One agent action as a ticket update: replies public, notes private, *Take it* the assignee, close/reopen/snooze a status. */
function toUpdate(action: AgentAction, actor: Actor): TicketUpdate {
    switch (action.type) {
        case 'reply':
            return { type: 'comment', htmlBody: textToHtml(action.text), public: true, authorId: actor.agentId };
        case 'note':
            return { type: 'comment', htmlBody: textToHtml(action.text), public: false, authorId: actor.agentId };
        case 'assign_to_me':
            return { type: 'assign', assigneeId: actor.agentId };
        case 'close':
            return { type: 'status', status: 'solved' };
        case 'reopen':
            return { type: 'status', status: 'open' };
        case 'snooze':
            // Zendesk has no snooze time: pending waits for the customer's answer.
            return { type: 'status', status: 'pending' };
    }
}

/** The customer's tier: their user field, else their organization's field. */
async function tierOf(client: ZendeskClient, requester: ZendeskUser | undefined, field: string): Promise<string | null> {
    const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim().slice(0, 100) : typeof v === 'number' ? String(v) : null);
    const own = text(requester?.user_fields?.[field]);
    if (own || !requester?.organization_id) return own;
    try {
        return text((await client.organizationFields(requester.organization_id))[field]);
    } catch (err) {
        if (err instanceof DeliveryError && err.status === 404) return null;
        throw err;
    }
}
