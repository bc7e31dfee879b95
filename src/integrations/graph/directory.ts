import type { AppTokenProvider } from './app-token';
import { graphClient, graphStatus } from './graph-client';

/** Thrown when Graph refuses for lack of permission: the message says what to grant. */
export class GraphPermissionError extends Error {
    override name = 'GraphPermissionError';
}

/**
 * What Deskbridge asks Microsoft Graph with the bot's own credentials: a user's email when the
 * Teams roster has none (`GET /users/{id}`, application permission `User.Read.All`), and a new
 * standard channel in a team (`POST /teams/{id}/channels`, RSC `Channel.Create.Group`).
 */
export class GraphDirectory {
    constructor(
        private readonly tokens: AppTokenProvider,
        private readonly graphBaseUrl: string
    ) {}

    /** The mail (else UPN) of an Entra user; null when Graph has none or may not say. */
    async emailOf(tenantId: string, aadObjectId: string): Promise<string | null> {
        try {
            const client = await graphClient(this.tokens, this.graphBaseUrl, tenantId);
            const user = (await client.api(`/users/${encodeURIComponent(aadObjectId)}`).select(['mail', 'userPrincipalName']).get()) as { mail?: string | null; userPrincipalName?: string | null };
            return (user.mail ?? user.userPrincipalName ?? null)?.toLowerCase() ?? null;
        } catch {
            return null;
        }
    }

    /** Creates a standard channel; returns its id and name. */
    async createChannel(tenantId: string, teamAadGroupId: string, displayName: string): Promise<{ id: string; displayName: string }> {
        const client = await graphClient(this.tokens, this.graphBaseUrl, tenantId);
        try {
            const channel = (await client.api(`/teams/${encodeURIComponent(teamAadGroupId)}/channels`).post({ displayName, description: 'Created by Deskbridge', membershipType: 'standard' })) as { id: string; displayName: string };
            return { id: channel.id, displayName: channel.displayName ?? displayName };
        } catch (err) {
            const status = graphStatus(err);
            if (status === 401 || status === 403) {
                throw new GraphPermissionError('Deskbridge may not create channels in this team. A team owner must consent to the resource-specific permission Channel.Create.Group (it is in the app manifest: reinstall or update the app), or an admin must grant the Graph application permission Channel.Create.');
            }
            if (status === 409 || status === 400) throw new GraphPermissionError(`Teams refused the channel "${displayName}" (a channel with that name may exist already).`);
            throw err;
        }
    }
}
