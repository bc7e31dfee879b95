import { Client, HTTPMessageHandler, RetryHandler, RetryHandlerOptions, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import type { AppTokenProvider } from './app-token';

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
        const token = await this.tokens.token(tenantId);
        const client = Client.initWithMiddleware({
            baseUrl: `${this.graphBaseUrl}/`,
            defaultVersion: 'v1.0',
            middleware: chain(bearer(token), new RetryHandler(new RetryHandlerOptions(1, 2)), new HTTPMessageHandler())
        });
        const page = (await client
            .api(`/teams/${encodeURIComponent(teamAadGroupId)}/members`)
            .filter(`(microsoft.graph.aadUserConversationMember/userId eq '${userAadObjectId.replace(/'/g, "''")}')`)
            .get()) as { value?: Array<{ roles?: string[]; userId?: string }> };
        return (page.value ?? []).some((m) => m.userId === userAadObjectId && (m.roles ?? []).includes('owner'));
    }
}

/**
 * Sends the app token to the configured Graph base URL. The library's own authentication
 * handler only does so for https Graph hosts it knows, which would leave national clouds, a
 * proxy or a test server without it.
 */
function bearer(token: string): Middleware {
    let next: Middleware | undefined;
    return {
        async execute(context: Context) {
            const headers = { ...((context.options?.headers ?? {}) as Record<string, string>), Authorization: `Bearer ${token}` };
            context.options = { ...(context.options ?? {}), headers };
            await next!.execute(context);
        },
        setNext(middleware: Middleware) {
            next = middleware;
        }
    };
}

function chain(...middleware: Middleware[]): Middleware {
    for (let i = 0; i < middleware.length - 1; i++) middleware[i]!.setNext?.(middleware[i + 1]!);
    return middleware[0]!;
}
