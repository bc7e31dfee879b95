import { Client, HTTPMessageHandler, RetryHandler, RetryHandlerOptions, type Context, type Middleware } from '@microsoft/microsoft-graph-client';
import type { AppTokenProvider } from './app-token';

/**
 * A Microsoft Graph client for one tenant with the bot's app token. The token is sent to the
 * configured base URL by our own middleware: the library's authentication handler only sends it
 * to https Graph hosts it knows, which would leave national clouds, a proxy or a test server
 * without it.
 */
export async function graphClient(tokens: AppTokenProvider, graphBaseUrl: string, tenantId: string): Promise<Client> {
    const token = await tokens.token(tenantId);
    return Client.initWithMiddleware({
        baseUrl: `${graphBaseUrl}/`,
        defaultVersion: 'v1.0',
        middleware: chain(bearer(token), new RetryHandler(new RetryHandlerOptions(1, 2)), new HTTPMessageHandler())
    });
}

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

/** The HTTP status of a Graph client error, if it has one. */
export const graphStatus = (err: unknown): number | undefined => (err as { statusCode?: number }).statusCode;
