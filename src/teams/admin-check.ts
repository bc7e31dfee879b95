import { TeamsInfo, type TurnContext } from 'botbuilder';

/** Who may run admin commands (setup, replay…). */
export interface AdminPolicy {
    /** Lower-cased emails, UPNs or AAD object ids from ADMIN_USERS. */
    adminUsers: readonly string[];
    /**
     * Local anonymous mode with no ADMIN_USERS: everyone is an admin, so a newcomer can try every
     * command in the Agents Playground. Never true when Bot Framework credentials are set.
     */
    everyoneIsAdmin: boolean;
    /** Team owners are admins of their team; asked of Microsoft Graph when the bot has credentials. */
    isTeamOwner?: (tenantId: string, teamAadGroupId: string, userAadObjectId: string) => Promise<boolean>;
}

/**
 * True when the sender is an admin: their Entra object id (`aadObjectId`), or the email or UPN
 * that the Teams roster gives for them, is in ADMIN_USERS, or they
 * own the team the message was sent in. The email comes from the Teams roster (one roster call,
 * only when the id alone did not match).
 */
export async function isAdmin(context: TurnContext, policy: AdminPolicy): Promise<boolean> {
    if (policy.everyoneIsAdmin) return true;
    if (await isListedAdmin(context, policy)) return true;
    return isOwnerOfTeam(context, policy);
}

async function isOwnerOfTeam(context: TurnContext, policy: AdminPolicy): Promise<boolean> {
    const data = (context.activity.channelData ?? {}) as { team?: { aadGroupId?: string }; tenant?: { id?: string } };
    const groupId = data.team?.aadGroupId;
    const tenantId = data.tenant?.id ?? context.activity.conversation?.tenantId;
    const userId = context.activity.from?.aadObjectId;
    if (!policy.isTeamOwner || !groupId || !tenantId || !userId) return false;
    try {
        return await policy.isTeamOwner(tenantId, groupId, userId);
    } catch {
        // Graph unreachable or permission not granted: not proven an owner.
        return false;
    }
}

async function isListedAdmin(context: TurnContext, policy: AdminPolicy): Promise<boolean> {
    if (policy.adminUsers.length === 0) return false;
    const from = context.activity.from;
    // Never `from.id`: it is the Teams user id (`29:…`), not something an admin list names, and
    // a caller can choose it. The Entra object id is what ADMIN_USERS may name directly.
    const aad = from?.aadObjectId?.toLowerCase();
    if (aad && policy.adminUsers.includes(aad)) return true;
    try {
        const member = await TeamsInfo.getMember(context, from.id);
        const names = [member.email, member.userPrincipalName, member.aadObjectId].filter((v): v is string => !!v).map((v) => v.toLowerCase());
        return names.some((n) => policy.adminUsers.includes(n));
    } catch {
        // Not in a roster (e.g. an unknown chat): not an admin.
        return false;
    }
}
