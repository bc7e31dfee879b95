import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { Agent } from '../domain/agent-action';
import type { TeamsPeopleRepo } from '../store/teams-people-repo';
import type { IdentityLinksRepo } from '../store/identity-links-repo';

/** Where an agent's email and overrides come from besides the activity. */
export interface AgentLookups {
    people?: TeamsPeopleRepo;
    identities?: IdentityLinksRepo;
    /** Microsoft Graph, for users the roster gives no email for. */
    emailOf?: (tenantId: string, aadObjectId: string) => Promise<string | null>;
}

/** Who a Teams user is, kept ten minutes: agents reply often, the roster changes rarely. */
const TTL_MS = 10 * 60_000;
const known = new Map<string, { at: number; name: string | undefined; email: string | null }>();

/**
 * The Teams user behind an activity, with the email the Teams roster knows (Graph when the
 * roster has none) — used to find their Intercom teammate or Kommo user —, an admin's identity
 * link, their language and time zone. Without an email the action's job says so to the agent.
 */
export async function agentOf(context: TurnContext, lookups: AgentLookups = {}): Promise<Agent> {
    const { identities } = lookups;
    const from = context.activity.from;
    const key = `${context.activity.serviceUrl}|${from?.id}`;
    let cached = known.get(key);
    if (!cached || Date.now() - cached.at > TTL_MS) {
        cached = { at: Date.now(), ...(await lookUp(context, lookups)) };
        if (known.size >= 5000) known.clear();
        known.set(key, cached);
    }
    const { name, email } = cached;
    const link = identities && from?.id ? await identities.get(from.id) : undefined;
    return {
        intercomAdminId: link?.intercomAdminId ?? null,
        zendeskUserId: link?.zendeskUserId ?? null,
        kommoUserId: link?.kommoUserId ?? null,
        id: from?.aadObjectId ?? from?.id ?? 'unknown',
        name: name || 'Teams user',
        email: email ? email.toLowerCase() : null,
        locale: context.activity.locale,
        timeZone: context.activity.localTimezone
    };
}

/** Name and email from the roster (or Graph); the person is remembered for later @mentions. */
async function lookUp(context: TurnContext, lookups: AgentLookups): Promise<{ name: string | undefined; email: string | null }> {
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
    // Remembered so that a CRM user with the same email can be @mentioned later (handoffs, SLA).
    if (lookups.people && from?.id && email) await lookups.people.remember({ userId: from.id, aadObjectId: from.aadObjectId ?? null, name: name ?? null, email });
    return { name, email };
}
