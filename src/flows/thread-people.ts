import { asSnapshot } from '../domain/conversation';
import { splitThreadKey } from '../domain/thread-key';
import type { Repositories } from '../store/index';
import type { IntercomDirectory } from '../integrations/intercom/directory';
import type { KommoClient } from '../integrations/kommo/client';
import type { ZendeskDirectory } from '../integrations/zendesk/directory';

/**
 * Who is behind a customer thread, across systems: its assignee (Intercom admin or Zendesk agent
 * assigned to the conversation, or the Kommo lead's responsible user) with their email, and the customer's name.
 */
export function threadPeople(deps: { repos: Repositories; intercom?: IntercomDirectory; zendesk?: ZendeskDirectory; kommo?: KommoClient }) {
    const { repos } = deps;
    return {
        async assigneeOf(threadKey: string): Promise<{ name: string | null; email: string | null } | undefined> {
            const { source, id } = splitThreadKey(threadKey);
            if (source === 'intercom') {
                const adminId = asSnapshot(await repos.snapshots.get(threadKey))?.adminAssigneeId;
                const admin = adminId && deps.intercom ? await deps.intercom.adminById(adminId) : undefined;
                return admin ? { name: admin.name, email: admin.email } : undefined;
            }
            if (source === 'zendesk') {
                const agentId = asSnapshot(await repos.snapshots.get(threadKey))?.adminAssigneeId;
                const agent = agentId && deps.zendesk ? await deps.zendesk.userById(agentId) : undefined;
                return agent ? { name: agent.name ?? null, email: agent.email ?? null } : undefined;
            }
            if (source === 'kommo' && deps.kommo) {
                const leadId = (await repos.contacts.get(id))?.leadId;
                const responsible = leadId ? (await deps.kommo.getLead(leadId)).responsibleUserId : null;
                const user = responsible ? await deps.kommo.getUser(responsible) : undefined;
                return user ? { name: user.name, email: user.email } : undefined;
            }
            return undefined;
        },
        async customerOf(threadKey: string): Promise<string> {
            const { source, id } = splitThreadKey(threadKey);
            if (source === 'intercom' || source === 'zendesk') {
                const c = asSnapshot(await repos.snapshots.get(threadKey))?.customer;
                return c?.name ?? c?.email ?? (source === 'zendesk' ? `Zendesk ticket ${id}` : `Intercom conversation ${id}`);
            }
            if (source === 'kommo') return (await repos.contacts.get(id))?.name ?? `WhatsApp contact ${id}`;
            return threadKey;
        }
    };
}
