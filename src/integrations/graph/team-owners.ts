import type { AppTokenProvider } from './app-token';
import { graphClient } from './graph-client';

/**
 * Asks Microsoft Graph whether a user owns a team (`GET /teams/{id}/members`, filtered on the
 * user; readable with the app's RSC permission `TeamMember.Read.Group`).
 */
export class TeamOwners {
    constructor(
        private readonly tokens: AppTokenProvider,
        private readonly graphBaseUrl: string
    ) {}

    async isOwner(tenantId: string, teamAadGroupId: string, userAadObjectId: string): Promise<boolean> {
        const client = await graphClient(this.tokens, this.graphBaseUrl, tenantId);
        const page = (await client
            .api(`/teams/${encodeURIComponent(teamAadGroupId)}/members`)
            .filter(`(microsoft.graph.aadUserConversationMember/userId eq '${userAadObjectId.replace(/'/g, "''")}')`)
            .get()) as { value?: Array<{ roles?: string[]; userId?: string }> };
        return (page.value ?? []).some((m) => m.userId === userAadObjectId && (m.roles ?? []).includes('owner'));
    }
}
