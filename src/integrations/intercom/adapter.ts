import type { AgentAction } from '../../domain/agent-action';
import type { ConversationSnapshot } from '../../domain/conversation';
import type { Actor, HelpdeskAdapter } from '../../domain/helpdesk';
import { DeliveryError } from '../../lib/delivery-error';
import type { ConversationAction, IntercomClient } from './client';
import type { IntercomDirectory } from './directory';
import { intercomConversationUrl, messagesOf, normalizeConversation } from './normalize';
import type { IntercomConversation } from './schemas';
import { textToIntercomHtml } from '../../lib/text-to-html';

export interface IntercomAdapterOptions {
    client: IntercomClient;
    directory: IntercomDirectory;
    /** `INTERCOM_DEFAULT_ADMIN_ID`: replies of agents without a teammate go out as this admin, signed. */
    defaultAdminId?: string;
    /** `INTERCOM_TIER_ATTRIBUTE`: the contact attribute with the customer's plan. */
    tierAttribute?: string;
}

/**
 * Intercom as a helpdesk of the support flow: teammates are Intercom admins (matched by email,
 * or an admin's `@Deskbridge link`), actions are `POST /conversations/{id}/reply` and `/parts`,
 * and the part an action created is the newest part by the acting admin in Intercom's answer.
 */
export function intercomAdapter(options: IntercomAdapterOptions): HelpdeskAdapter {
    const { client, directory } = options;
    return {
        source: 'intercom',
        snooze: 'until',
        async fetch(conversationId, previous, want) {
            const conversation = await client.findConversation(conversationId);
            if (!conversation) return undefined;
            const snapshot = normalizeConversation(conversation, undefined);
            if (previous) snapshot.url = previous.url;
            if (want.tier) snapshot.tier = await tierOf(client, conversation, options.tierAttribute ?? 'plan');
            // Intercom's events carry their parts: a known conversation is read for its card only.
            return { snapshot, messages: previous ? [] : messagesOf(conversation, 'fetch', undefined, { withOpening: true }) };
        },
        conversationUrl: (id) => intercomConversationUrl(undefined, id),
        defaultAgentId: options.defaultAdminId,
        agentByEmail: (email) => directory.adminByEmail(email),
        agentById: (id) => directory.adminById(id),
        linkedAgentId: (agent) => agent.intercomAdminId,
        async act(conversationId, action, actor) {
            const conversation = await client.act(conversationId, actor.agentId, toIntercomAction(action, actor));
            const created = createdPart(conversation, actor.agentId);
            return { snapshot: normalizeConversation(conversation, undefined), createdIds: created ? [created] : [] };
        },
        isGone: (err) => err instanceof DeliveryError && (err.status === 410 || (err.status === 404 && (err.options.code ?? 'not_found') === 'not_found')),
        describe: (snapshot) => describeWith(directory, snapshot),
        async categorize(conversationId, category) {
            // Tagging needs an admin to act as; Intercom's REST reference has no conversation priority to set.
            if (!options.defaultAdminId) throw new DeliveryError('tagging an Intercom conversation needs INTERCOM_DEFAULT_ADMIN_ID (the admin the tag is added as)', false, { peer: 'intercom' });
            await client.tagConversation(conversationId, category.tag, options.defaultAdminId);
            return { tagged: true, prioritized: false };
        },
        readyIn: () => client.rateGate.waitMs()
    };
}

/** Fills the assignee names of a snapshot from the directory (ids stay when it cannot be read). */
export async function describeWith(directory: IntercomDirectory, snapshot: ConversationSnapshot): Promise<void> {
    const names = await directory.assigneeNames(snapshot.adminAssigneeId, snapshot.teamAssigneeId);
    snapshot.adminAssigneeName = names.admin;
    snapshot.teamAssigneeName = names.team;
}

function toIntercomAction(action: AgentAction, actor: Actor): ConversationAction {
    switch (action.type) {
        case 'reply':
            return { type: 'comment', body: textToIntercomHtml(action.text) };
        case 'note':
            return { type: 'note', body: textToIntercomHtml(action.text) };
        case 'assign_to_me':
            return { type: 'assign', assigneeId: actor.agentId };
        case 'close':
            return { type: 'close' };
        case 'reopen':
            return { type: 'open' };
        case 'snooze':
            return { type: 'snooze', snoozedUntil: action.until };
    }
}

/** The part the action created: the newest part by the acting admin in Intercom's answer. */
function createdPart(c: IntercomConversation, adminId: string): string | undefined {
    const parts = c.conversation_parts?.conversation_parts ?? [];
    const mine = parts.filter((part) => part.author.type === 'admin' && part.author.id === adminId);
    return mine.sort((a, b) => a.created_at - b.created_at).at(-1)?.id;
}

/** The customer's plan from their contact's custom attributes; null when unknown. */
export async function tierOf(client: IntercomClient, c: IntercomConversation, attribute: string): Promise<string | null> {
    const author = c.source.author;
    const contactId = c.contacts?.contacts[0]?.id ?? (author.type !== 'admin' && author.type !== 'bot' ? author.id : null);
    if (!contactId) return null;
    try {
        const value = (await client.getContactAttributes(contactId))[attribute];
        return typeof value === 'string' || typeof value === 'number' ? String(value).slice(0, 100) : null;
    } catch (err) {
        // A contact Intercom no longer has has no tier; any other failure retries the mirror.
        if (err instanceof DeliveryError && (err.status === 404 || err.status === 410)) return null;
        throw err;
    }
}
