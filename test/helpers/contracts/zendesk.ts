import { z } from 'zod/v4';
import { Contract } from '../contract';

/**
 * Zendesk Support REST API v2, from developer.zendesk.com/api-reference/ticketing: Tickets
 * ("Show Ticket", "Update Ticket": `{"ticket": {…}}` with `comment.html_body|body`,
 * `comment.public`, `comment.author_id`, `assignee_id`, `status`, `priority`, `additional_tags`),
 * Ticket Comments ("List Comments": `sort_order`, cursor pagination `page[size]` ≤ 100), Users
 * ("Show User", "Show Many Users": `ids` up to 100, "Search Users": `query`), Groups ("List
 * Groups"), Organizations ("Show Organization") and Search ("List Search Results": `query`,
 * `sort_by`, `sort_order`, offset pagination up to 100 a page). Authentication (developer.zendesk.com
 * "Security and authentication"): `Basic base64({email}/token:{api_token})` or `Bearer <OAuth token>`.
 */
const id = /^\d{1,16}$/;
const userId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const json = (h: Record<string, unknown>) => (/^application\/json/.test(String(h['content-type'] ?? '')) ? [] : ['Content-Type is not application/json']);
const sortOrder = z.enum(['asc', 'desc']).optional();
const upTo100 = z.string().regex(/^\d+$/).refine((v) => Number(v) >= 1 && Number(v) <= 100, 'must be 1..100');

const ticketUpdate = z
    .object({
        comment: z
            .object({ html_body: z.string().min(1).optional(), body: z.string().min(1).optional(), public: z.boolean().optional(), author_id: userId.optional() })
            .strict()
            .refine((c) => !!(c.html_body || c.body), 'a comment needs body or html_body')
            .optional(),
        assignee_id: userId.nullable().optional(),
        group_id: userId.nullable().optional(),
        status: z.enum(['new', 'open', 'pending', 'hold', 'solved', 'closed']).optional(),
        priority: z.enum(['urgent', 'high', 'normal', 'low']).nullable().optional(),
        tags: z.array(z.string()).optional(),
        additional_tags: z.array(z.string().min(1)).optional(),
        remove_tags: z.array(z.string()).optional()
    })
    .strict()
    .refine((t) => Object.keys(t).length > 0, 'an update with no field');

/** What a well-formed Authorization header of the account looks like. */
export function zendeskAuthProblems(h: Record<string, unknown>): string[] {
    const auth = String(h.authorization ?? '');
    if (/^Bearer \S+$/.test(auth)) return [];
    const basic = /^Basic ([A-Za-z0-9+/=]+)$/.exec(auth);
    if (!basic) return ['no Authorization: Basic {email}/token:{api_token} or Bearer <token>'];
    return /^[^/\s:]+@[^/\s:]+\/token:\S+$/.test(Buffer.from(basic[1]!, 'base64').toString('utf8')) ? [] : ['Basic credentials are not {email}/token:{api_token}'];
}

export const ZENDESK_CONTRACT = new Contract(
    'Zendesk Support API v2 (developer.zendesk.com/api-reference/ticketing)',
    [
        { name: 'Show Ticket', method: 'GET', path: '/api/v2/tickets/:id.json', params: { id }, query: z.object({ include: z.string().optional() }).strict() },
        { name: 'Update Ticket', method: 'PUT', path: '/api/v2/tickets/:id.json', params: { id }, headers: json, body: z.object({ ticket: ticketUpdate }).strict() },
        {
            name: 'List Comments',
            method: 'GET',
            path: '/api/v2/tickets/:id/comments.json',
            params: { id },
            query: z.object({ sort_order: sortOrder, 'page[size]': upTo100.optional(), 'page[after]': z.string().optional(), include: z.literal('users').optional(), include_inline_images: z.enum(['true', 'false']).optional() }).strict()
        },
        { name: 'Show User', method: 'GET', path: '/api/v2/users/:id.json', params: { id } },
        {
            name: 'Show Many Users',
            method: 'GET',
            path: '/api/v2/users/show_many.json',
            query: z.object({ ids: z.string().regex(/^\d{1,16}(,\d{1,16}){0,99}$/, 'ids: up to 100 comma-separated user ids') }).strict()
        },
        { name: 'Search Users', method: 'GET', path: '/api/v2/users/search.json', query: z.object({ query: z.string().min(1).optional(), external_id: z.string().optional() }).strict() },
        { name: 'List Groups', method: 'GET', path: '/api/v2/groups.json', query: z.object({ per_page: upTo100.optional(), page: z.string().regex(/^\d+$/).optional() }).strict() },
        { name: 'Show Organization', method: 'GET', path: '/api/v2/organizations/:id.json', params: { id } },
        {
            name: 'List Search Results',
            method: 'GET',
            path: '/api/v2/search.json',
            query: z
                .object({
                    query: z.string().min(1),
                    sort_by: z.enum(['updated_at', 'created_at', 'priority', 'status', 'ticket_type']).optional(),
                    sort_order: sortOrder,
                    page: z.string().regex(/^\d+$/).optional(),
                    per_page: upTo100.optional()
                })
                .strict()
        }
    ],
    zendeskAuthProblems
);
