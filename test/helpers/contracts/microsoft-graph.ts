import { z } from 'zod/v4';
import { Contract } from '../contract';

/**
 * Microsoft Graph v1.0 as Deskbridge calls it, from the Graph reference (learn.microsoft.com/graph/api):
 * "Get user" (`GET /users/{id}`, `$select`), "List members of team" (`GET /teams/{team-id}/members`,
 * `$filter` on `microsoft.graph.aadUserConversationMember/userId`), and "Create channel"
 * (`POST /teams/{team-id}/channels`, `displayName` up to 50 characters without `~ # % & * { } + / \ : < > ? | ' "`,
 * `description`, `membershipType` standard | private | shared). Every call carries a Bearer token.
 */
const bearer = (h: Record<string, unknown>) => (/^Bearer \S+$/.test(String(h.authorization ?? '')) ? [] : ['no Authorization: Bearer <token>']);
const guid = /^[0-9a-zA-Z-]{1,64}$/;

export const MICROSOFT_GRAPH_CONTRACT = new Contract(
    'Microsoft Graph v1.0 reference',
    [
        { name: 'Get user', method: 'GET', path: '/v1.0/users/:id', params: { id: guid }, query: z.object({ $select: z.string().regex(/^[A-Za-z]+(,[A-Za-z]+)*$/).optional() }).strict() },
        {
            name: 'List members of team',
            method: 'GET',
            path: '/v1.0/teams/:teamId/members',
            params: { teamId: guid },
            query: z.object({ $filter: z.string().regex(/^\(microsoft\.graph\.aadUserConversationMember\/userId eq '[0-9a-zA-Z-]+'\)$/).optional() }).strict()
        },
        {
            name: 'Create channel',
            method: 'POST',
            path: '/v1.0/teams/:teamId/channels',
            params: { teamId: guid },
            headers: (h) => (/^application\/json/.test(String(h['content-type'] ?? '')) ? [] : ['Content-Type is not application/json']),
            body: z
                .object({
                    displayName: z.string().min(1).max(50).regex(/^[^~#%&*{}+/\\:<>?|'"]+$/, 'displayName has a character Teams does not allow'),
                    description: z.string().max(1024).optional(),
                    membershipType: z.enum(['standard', 'private', 'shared']).optional()
                })
                .passthrough()
        }
    ],
    bearer
);

/**
 * The Microsoft identity platform's token endpoint, client credentials grant
 * (learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow):
 * `POST /{tenant}/oauth2/v2.0/token`, form-encoded `client_id`, `client_secret`, `scope` =
 * `<resource>/.default`, `grant_type=client_credentials`.
 */
export const MICROSOFT_LOGIN_CONTRACT = new Contract('Microsoft identity platform, client credentials grant', [
    {
        name: 'Token request',
        method: 'POST',
        path: '/:tenant/oauth2/v2.0/token',
        headers: (h) => (/^application\/x-www-form-urlencoded/.test(String(h['content-type'] ?? '')) ? [] : ['Content-Type is not application/x-www-form-urlencoded']),
        body: z
            .string()
            .transform((raw) => Object.fromEntries(new URLSearchParams(raw)))
            .pipe(z.object({ client_id: z.string().min(1), client_secret: z.string().min(1), scope: z.string().regex(/^https?:\/\/[^/\s]+\/\.default$/, 'scope is <resource>/.default'), grant_type: z.literal('client_credentials') }).strict())
    }
]);
