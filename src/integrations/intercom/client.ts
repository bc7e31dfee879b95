import { cancelWithJob } from '../../lib/job-signal';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import { z } from 'zod/v4';
import { DeliveryError } from '../../lib/delivery-error';
import { httpClientError } from '../../lib/http-client-error';
import { IntercomRateGate } from './rate-gate';
import { contactSchema, conversationSchema, tagSchema, type IntercomConversation } from './schemas';

export interface IntercomClientOptions {
    baseUrl: string;
    accessToken: string;
    /** `Intercom-Version` header, e.g. 2.14. */
    version: string;
    timeoutMs?: number;
}

const adminListSchema = z.object({ admins: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string().nullable().optional(), email: z.string().nullable().optional() }).passthrough()) }).passthrough();
const teamListSchema = z.object({ teams: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string().nullable().optional() }).passthrough()) }).passthrough();
const conversationListSchema = z
    .object({
        conversations: z.array(conversationSchema),
        pages: z.object({ next: z.object({ starting_after: z.string().nullable().optional() }).passthrough().nullable().optional() }).passthrough().nullable().optional()
    })
    .passthrough();

export type IntercomAdmin = { id: string; name: string | null; email: string | null };
export type IntercomTeam = { id: string; name: string | null };

/** What an agent does to a conversation (`POST /conversations/{id}/reply` or `/parts`). */
export type ConversationAction =
    | { type: 'comment' | 'note'; body: string }
    | { type: 'assign'; assigneeId: string }
    | { type: 'close' }
    | { type: 'open' }
    | { type: 'snooze'; snoozedUntil: number };

/**
 * Intercom's REST API as Deskbridge uses it: every request carries `Authorization: Bearer`,
 * `Intercom-Version` and `Accept: application/json`, and waits when `X-RateLimit-Remaining` says
 * the window is spent. Failures come out as {@link DeliveryError} (never axios' error, whose
 * config holds the token), with the wait Intercom asks for on 429 taken from `Retry-After` or
 * `X-RateLimit-Reset`.
 */
export class IntercomClient {
    private readonly http: AxiosInstance;
    /** Shared by every call of this client; the outbox asks it before running an Intercom job. */
    readonly rateGate = new IntercomRateGate();

    constructor(options: IntercomClientOptions) {
        this.http = cancelWithJob(axios.create({
            baseURL: options.baseUrl,
            timeout: options.timeoutMs ?? 15_000,
            headers: { Authorization: `Bearer ${options.accessToken}`, 'Intercom-Version': options.version, Accept: 'application/json' }
        }));
    }

    /** `GET /admins`: every teammate, with the email used to match Teams users. */
    async listAdmins(): Promise<IntercomAdmin[]> {
        const data = adminListSchema.parse(await this.call('get', '/admins'));
        return data.admins.map((a) => ({ id: a.id, name: a.name ?? null, email: a.email ?? null }));
    }

    /** `GET /teams`: the inbox teams conversations are assigned to. */
    async listTeams(): Promise<IntercomTeam[]> {
        const data = teamListSchema.parse(await this.call('get', '/teams'));
        return data.teams.map((t) => ({ id: t.id, name: t.name ?? null }));
    }

    /** `GET /conversations/{id}`: the whole conversation with its parts. */
    async getConversation(conversationId: string): Promise<IntercomConversation> {
        return parseConversation(await this.call('get', `/conversations/${encodeURIComponent(conversationId)}`));
    }

    /** The conversation, or undefined when Intercom no longer has it (404/410). */
    async findConversation(conversationId: string): Promise<IntercomConversation | undefined> {
        try {
            return await this.getConversation(conversationId);
        } catch (err) {
            if (err instanceof DeliveryError && (err.status === 404 || err.status === 410)) return undefined;
            throw err;
        }
    }

    /**
     * Performs an agent's action as the admin `adminId` and returns the conversation as Intercom
     * answers it (with the part the action created).
     */
    async act(conversationId: string, adminId: string, action: ConversationAction): Promise<IntercomConversation> {
        const id = encodeURIComponent(conversationId);
        switch (action.type) {
            case 'comment':
            case 'note':
                return parseConversation(await this.call('post', `/conversations/${id}/reply`, { message_type: action.type, type: 'admin', admin_id: adminId, body: action.body }));
            case 'assign':
                return parseConversation(await this.call('post', `/conversations/${id}/parts`, { message_type: 'assignment', type: 'admin', admin_id: adminId, assignee_id: action.assigneeId }));
            case 'close':
                return parseConversation(await this.call('post', `/conversations/${id}/parts`, { message_type: 'close', type: 'admin', admin_id: adminId }));
            case 'open':
                return parseConversation(await this.call('post', `/conversations/${id}/parts`, { message_type: 'open', admin_id: adminId }));
            case 'snooze':
                return parseConversation(await this.call('post', `/conversations/${id}/parts`, { message_type: 'snoozed', admin_id: adminId, snoozed_until: Math.floor(action.snoozedUntil / 1000) }));
        }
    }

    /** `GET /contacts/{id}`: a contact's custom attributes (the customer's plan, for tier routing). */
    async getContactAttributes(contactId: string): Promise<Record<string, unknown>> {
        return contactSchema.parse(await this.call('get', `/contacts/${encodeURIComponent(contactId)}`)).custom_attributes ?? {};
    }

    /**
     * Tags a conversation: `POST /tags` finds or creates the tag by name, then
     * `POST /conversations/{id}/tags` attaches it as `adminId`.
     */
    async tagConversation(conversationId: string, tagName: string, adminId: string): Promise<void> {
        const tag = tagSchema.parse(await this.call('post', '/tags', { name: tagName }));
        await this.call('post', `/conversations/${encodeURIComponent(conversationId)}/tags`, { id: tag.id, admin_id: adminId });
    }

    /** One page of open conversations (`POST /conversations/search`), oldest cursor first. */
    async searchOpenConversations(startingAfter?: string, perPage = 50): Promise<{ conversations: IntercomConversation[]; next?: string }> {
        const body = { query: { field: 'state', operator: '=', value: 'open' }, pagination: { per_page: perPage, ...(startingAfter ? { starting_after: startingAfter } : {}) } };
        const data = conversationListSchema.parse(await this.call('post', '/conversations/search', body));
        return { conversations: data.conversations, next: data.pages?.next?.starting_after ?? undefined };
    }

    private async call(method: 'get' | 'post', path: string, body?: unknown): Promise<unknown> {
        let response: AxiosResponse;
        try {
            response = method === 'get' ? await this.http.get(path) : await this.http.post(path, body, { headers: { 'Content-Type': 'application/json' } });
        } catch (err) {
            const headers = (err as { response?: { headers?: Record<string, unknown> } }).response?.headers;
            if (headers) this.rateGate.observe(headers);
            throw toDeliveryError(err);
        }
        this.rateGate.observe(response.headers as Record<string, unknown>);
        return response.data as unknown;
    }
}

function parseConversation(data: unknown): IntercomConversation {
    const parsed = conversationSchema.safeParse(data);
    // Intercom acted already: retrying would repeat the action, so this is permanent.
    if (!parsed.success) throw new DeliveryError(`Intercom answered with an unexpected conversation: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`, false, { peer: 'intercom' });
    return parsed.data;
}

/** An axios failure as a DeliveryError with Intercom's explanation; 429 waits for `X-RateLimit-Reset`. */
function toDeliveryError(err: unknown): DeliveryError {
    return httpClientError(err, 'intercom', {
        vendor: 'Intercom',
        explain: (data) => (data as { errors?: Array<{ message?: string; code?: string }> } | undefined)?.errors?.[0],
        retryAfterMs: (status, headers) => {
            const reset = Number(headers['x-ratelimit-reset']);
            return status === 429 && Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : undefined;
        }
    });
}
