import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { z } from 'zod/v4';
import { DeliveryError } from '../../lib/delivery-error';
import { httpClientError } from '../../lib/http-client-error';
import { cancelWithJob } from '../../lib/job-signal';
import { ZendeskRateGate } from './rate-gate';
import {
    commentListSchema,
    groupListSchema,
    organizationResponseSchema,
    searchResultsSchema,
    ticketResponseSchema,
    updateResponseSchema,
    userListSchema,
    userResponseSchema,
    type ZendeskComment,
    type ZendeskTicket,
    type ZendeskUser
} from './schemas';

export interface ZendeskClientOptions {
    /** `https://<subdomain>.zendesk.com`. */
    baseUrl: string;
    /** API token authentication: `{email}/token:{apiToken}` … */
    email?: string;
    apiToken?: string;
    /** … or an OAuth access token (Bearer). */
    oauthToken?: string;
    timeoutMs?: number;
}

/** A ticket update from Teams (`PUT /api/v2/tickets/{id}.json`, body `{"ticket": …}`). */
export type TicketUpdate =
    | { type: 'comment'; htmlBody: string; public: boolean; authorId: string }
    | { type: 'assign'; assigneeId: string }
    | { type: 'status'; status: 'solved' | 'open' | 'pending' }
    | { type: 'categorize'; tag: string; priority: boolean };

/**
 * Zendesk Support's REST API as Deskbridge uses it. With an API token, a request can be made as
 * any user of the account by giving their email (Zendesk: the token "is not associated with a
 * specific user; you must provide an email address for an admin, agent, or other valid user"), so
 * an agent's action is attributed to them in Zendesk's audit log, not to the integration user.
 * Failures come out as {@link DeliveryError} (never axios' error, whose config holds the
 * credentials), with 429's `Retry-After` as the wait.
 */
export class ZendeskClient {
    private readonly http: AxiosInstance;
    /** Shared by every call of this client; the outbox asks it before running a Zendesk job. */
    readonly rateGate = new ZendeskRateGate();

    constructor(private readonly options: ZendeskClientOptions) {
        if (!options.oauthToken && !(options.email && options.apiToken)) throw new Error('Zendesk needs ZENDESK_EMAIL with ZENDESK_API_TOKEN, or ZENDESK_OAUTH_TOKEN');
        this.http = cancelWithJob(axios.create({ baseURL: options.baseUrl, timeout: options.timeoutMs ?? 15_000, headers: { Accept: 'application/json' } }));
    }

    /** Whether requests can be made as another user (API token), or only as the token's own user (OAuth). */
    get canActAs(): boolean {
        return !this.options.oauthToken;
    }

    /** `GET /api/v2/tickets/{id}.json`; undefined when Zendesk has no such ticket (404). */
    async findTicket(ticketId: string): Promise<ZendeskTicket | undefined> {
        try {
            return (await this.call('get', `/api/v2/tickets/${encodeURIComponent(ticketId)}.json`, ticketResponseSchema)).ticket;
        } catch (err) {
            if (err instanceof DeliveryError && (err.status === 404 || err.status === 410)) return undefined;
            throw err;
        }
    }

    /** The latest comments of a ticket, oldest first (`GET …/comments.json`, newest page of 100). */
    async latestComments(ticketId: string): Promise<ZendeskComment[]> {
        const data = await this.call('get', `/api/v2/tickets/${encodeURIComponent(ticketId)}/comments.json?sort_order=desc&page[size]=100`, commentListSchema);
        return data.comments.reverse();
    }

    /** `GET /api/v2/users/show_many.json?ids=…` (up to 100 ids a request). */
    async usersById(ids: readonly string[]): Promise<ZendeskUser[]> {
        const unique = [...new Set(ids)].filter((id) => /^\d+$/.test(id));
        const users: ZendeskUser[] = [];
        for (let i = 0; i < unique.length; i += 100) {
            users.push(...(await this.call('get', `/api/v2/users/show_many.json?ids=${unique.slice(i, i + 100).join(',')}`, userListSchema)).users);
        }
        return users;
    }

    /** `GET /api/v2/users/{id}.json`; undefined when there is none. */
    async findUser(userId: string): Promise<ZendeskUser | undefined> {
        try {
            return (await this.call('get', `/api/v2/users/${encodeURIComponent(userId)}.json`, userResponseSchema)).user;
        } catch (err) {
            if (err instanceof DeliveryError && err.status === 404) return undefined;
            throw err;
        }
    }

    /** Agents and admins with this email (`GET /api/v2/users/search.json?query=email:…`). */
    async agentByEmail(email: string): Promise<ZendeskUser | undefined> {
        const data = await this.call('get', `/api/v2/users/search.json?query=${encodeURIComponent(`email:${email}`)}`, userListSchema);
        return data.users.find((u) => u.role === 'agent' || u.role === 'admin');
    }

    /** `GET /api/v2/groups.json` (all pages): the groups tickets are assigned to. */
    async listGroups(): Promise<Array<{ id: string; name: string | null }>> {
        const groups: Array<{ id: string; name: string | null }> = [];
        let path: string | null = '/api/v2/groups.json?per_page=100';
        for (let page = 0; path && page < 20; page++) {
            const data: z.output<typeof groupListSchema> = await this.call('get', path, groupListSchema);
            groups.push(...data.groups.map((g) => ({ id: g.id, name: g.name ?? null })));
            path = data.next_page ? this.sameHostPath(data.next_page) : null;
        }
        return groups;
    }

    /** An organization's fields (`GET /api/v2/organizations/{id}.json`), for the customer's tier. */
    async organizationFields(organizationId: string): Promise<Record<string, unknown>> {
        return (await this.call('get', `/api/v2/organizations/${encodeURIComponent(organizationId)}.json`, organizationResponseSchema)).organization.organization_fields ?? {};
    }

    /**
     * `PUT /api/v2/tickets/{id}.json`, made as `asEmail` when given (API token only). Returns the
     * ticket after the update and the ids of the comments the update's audit created.
     */
    async update(ticketId: string, update: TicketUpdate, asEmail?: string | null): Promise<{ ticket: ZendeskTicket; commentIds: string[] }> {
        const ticket = ticketBody(update);
        const data = await this.call('put', `/api/v2/tickets/${encodeURIComponent(ticketId)}.json`, updateResponseSchema, { ticket }, asEmail);
        return { ticket: data.ticket, commentIds: (data.audit?.events ?? []).filter((e) => e.type === 'Comment' || e.type === 'VoiceComment').map((e) => e.id) };
    }

    /**
     * One page of unsolved tickets (`GET /api/v2/search.json?query=type:ticket status<solved`),
     * oldest first; `page` is Zendesk's page number (the search API returns at most 1,000 results).
     */
    async searchUnsolvedTickets(page = 1): Promise<{ tickets: ZendeskTicket[]; nextPage?: number }> {
        const query = encodeURIComponent('type:ticket status<solved');
        const data = await this.call('get', `/api/v2/search.json?query=${query}&sort_by=created_at&sort_order=asc&per_page=100&page=${page}`, searchResultsSchema);
        return { tickets: data.results, nextPage: data.next_page && page < 10 ? page + 1 : undefined };
    }

    /** A `next_page` URL of this account as a path (never follows a URL to another host). */
    private sameHostPath(url: string): string | null {
        try {
            const next = new URL(url);
            return next.origin === new URL(this.options.baseUrl).origin ? `${next.pathname}${next.search}` : null;
        } catch {
            return null;
        }
    }

    private authorization(asEmail?: string | null): string {
        if (this.options.oauthToken) return `Bearer ${this.options.oauthToken}`;
        const email = asEmail ?? this.options.email!;
        return `Basic ${Buffer.from(`${email}/token:${this.options.apiToken!}`, 'utf8').toString('base64')}`;
    }

    private async call<S extends z.ZodTypeAny>(method: 'get' | 'put', path: string, schema: S, body?: unknown, asEmail?: string | null): Promise<z.output<S>> {
        let response: AxiosResponse;
        const headers = { Authorization: this.authorization(asEmail), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) };
        try {
            response = method === 'get' ? await this.http.get(path, { headers }) : await this.http.put(path, body, { headers });
        } catch (err) {
            const h = (err as { response?: { headers?: Record<string, unknown> } }).response?.headers;
            if (h) this.rateGate.observe(h);
            throw toDeliveryError(err);
        }
        this.rateGate.observe(response.headers as Record<string, unknown>);
        const parsed = schema.safeParse(response.data);
        // A write Zendesk applied must not be repeated because its answer surprised us: permanent.
        if (!parsed.success) throw new DeliveryError(`Zendesk answered ${path.split('?')[0]} unexpectedly: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`, method === 'get', { peer: 'zendesk' });
        return parsed.data;
    }
}

/** The `ticket` object of an update. */
function ticketBody(update: TicketUpdate): Record<string, unknown> {
    switch (update.type) {
        case 'comment':
            return { comment: { html_body: update.htmlBody, public: update.public, author_id: Number(update.authorId) } };
        case 'assign':
            return { assignee_id: Number(update.assigneeId) };
        case 'status':
            return { status: update.status };
        case 'categorize':
            // `additional_tags` adds to the ticket's tags instead of replacing them.
            return { additional_tags: [update.tag], ...(update.priority ? { priority: 'high' } : {}) };
    }
}

/** An axios failure with Zendesk's explanation (`{error, description}` or `{error: {title, message}}`). */
function toDeliveryError(err: unknown): DeliveryError {
    return httpClientError(err, 'zendesk', {
        vendor: 'Zendesk',
        explain: (data) => {
            const d = data as { error?: string | { title?: string; message?: string }; description?: string; details?: unknown } | undefined;
            if (!d?.error) return undefined;
            if (typeof d.error === 'string') return { message: d.description ? `${d.error}: ${d.description}` : d.error, code: d.error };
            return { message: d.error.message ?? d.error.title, code: d.error.title };
        }
    });
}
