import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Agent } from '../domain/agent-action';
import type { TeamsPeopleRepo } from '../store/teams-people-repo';
import type { IdentityLinksRepo } from '../store/identity-links-repo';

/**
 * The Teams user behind an activity, with the email the Teams roster knows (used to find their
 * Intercom teammate or Kommo user), their language and time zone. Without a roster entry the
 * email is null and the action's job says so to the agent.
 */
export interface AgentLookups {
    people?: TeamsPeopleRepo;
    identities?: IdentityLinksRepo;
    /** Microsoft Graph, for users the roster gives no email for. */
    emailOf?: (tenantId: string, aadObjectId: string) => Promise<string | null>;
}

export async function agentOf(context: TurnContext, lookups: AgentLookups = {}): Promise<Agent> {
    const { people, identities } = lookups;
    const from = context.activity.from;
    let name = from?.name;
    let email: string | null = null;
    try {
        const member = await TeamsInfo.getMember(context, from.id);
        email = member.email ?? member.userPrincipalName ?? null;
        name = member.name ?? name;
    } catch {
        // Not in a roster the bot can read: the action goes on without an email.
    }
    const tenantId = (context.activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? context.activity.conversation?.tenantId;
    if (!email && lookups.emailOf && tenantId && from?.aadObjectId) email = await lookups.emailOf(tenantId, from.aadObjectId);
    // Remembered so that a CRM user with the same email can be @mentioned later (handoffs).
    if (people && from?.id && email) await people.remember({ userId: from.id, aadObjectId: from.aadObjectId ?? null, name: name ?? null, email });
    const link = identities && from?.id ? await identities.get(from.id) : undefined;
    return {
        intercomAdminId: link?.intercomAdminId ?? null,
        kommoUserId: link?.kommoUserId ?? null,
        id: from?.aadObjectId ?? from?.id ?? 'unknown',
        name: name || 'Teams user',
        email: email ? email.toLowerCase() : null,
        locale: context.activity.locale,
        timeZone: context.activity.localTimezone
    };
}
