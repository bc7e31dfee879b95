import { cancelWithJob } from '../../lib/job-signal';
import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod/v4';
import { httpClientError } from '../../lib/http-client-error';
import { DeliveryError } from '../../lib/delivery-error';
import { RateGateTimeout, type Limit, type RequestGate } from '../../outbox/rate-limits';

/**
 * Kommo allows "not more than 7 requests per second" (developers.kommo.com, Limitations) and
 * restricts the IP of clients that go over it. Every request of the client passes this limit
 * (contact enrichment, hand-off and people lookups, identity commands, sends and notes alike).
 */
export const KOMMO_REQUEST_LIMITS: readonly Limit[] = [{ max: 7, windowMs: 1000 }];
/**
 * Job admission on top: a send is two requests (write the field, run the Salesbot), so Kommo
 * jobs start at most 3 per second and rarely wait inside the request gate.
 */
export const KOMMO_JOB_LIMITS: readonly Limit[] = [{ max: 3, windowMs: 1000 }];

export interface KommoClientOptions {
    baseUrl: string;
    accessToken: string;
    timeoutMs?: number;
    /** The shared request limiter (see {@link KOMMO_REQUEST_LIMITS}); every request waits for it. */
    gate?: RequestGate & { pause(ms: number): void };
}

const contactSchema = z
    .object({
        id: z.union([z.string(), z.number()]).transform(String),
        name: z.string().nullable().optional(),
        custom_fields_values: z
            .array(z.object({ field_code: z.string().nullable().optional(), values: z.array(z.object({ value: z.unknown() }).passthrough()) }).passthrough())
            .nullable()
            .optional()
    })
    .passthrough();
const userSchema = z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string().nullable().optional(), email: z.string().nullable().optional() }).passthrough();
const idText = z.union([z.string(), z.number()]).transform(String);
const leadDetailsSchema = z
    .object({
        id: idText,
        name: z.string().nullable().optional(),
        custom_fields_values: z.array(z.object({ field_name: z.string().nullable().optional(), values: z.array(z.object({ value: z.unknown() }).passthrough()) }).passthrough()).nullable().optional(),
        _embedded: z.object({ contacts: z.array(z.object({ id: idText, is_main: z.boolean().optional() }).passthrough()).optional() }).passthrough().optional()
    })
    .passthrough();
const usersSchema = z.object({ _embedded: z.object({ users: z.array(z.object({ id: idText, name: z.string().nullable().optional(), email: z.string().nullable().optional() }).passthrough()) }).passthrough().optional() }).passthrough();
const leadSchema = z.object({ id: z.union([z.string(), z.number()]).transform(String), responsible_user_id: z.union([z.string(), z.number()]).transform(String).nullable().optional() }).passthrough();

/**
 * Kommo's API v4 as Deskbridge uses it, with `Authorization: Bearer`. Failures come out as
 * {@link DeliveryError} carrying Kommo's own explanation, never the token.
 */
export class KommoClient {
    private readonly http: AxiosInstance;

    constructor(private readonly options: KommoClientOptions) {
        this.http = cancelWithJob(axios.create({
            baseURL: options.baseUrl,
            timeout: options.timeoutMs ?? 15_000,
            headers: { Authorization: `Bearer ${options.accessToken}`, Accept: 'application/json' }
        }));
    }

    /**
     * Sends WhatsApp text the way a third-party integration can: writes it into the lead's reply
     * field (`PATCH /api/v4/leads/{id}`), then runs the Salesbot that sends that field
     * (`POST /api/v4/bots/{botId}/run`, answered 202).
     */
    async sendViaSalesbot(leadId: string, text: string, salesbot: { botId: string; fieldId: string }): Promise<void> {
        await this.call('patch', `/api/v4/leads/${encodeURIComponent(leadId)}`, { custom_fields_values: [{ field_id: Number(salesbot.fieldId), values: [{ value: text }] }] });
        await this.call('post', `/api/v4/bots/${encodeURIComponent(salesbot.botId)}/run`, { entity_id: Number(leadId), entity_type: 'leads' });
    }

    /** A common note on the lead (`POST /api/v4/leads/{id}/notes`), visible to the team, not the customer. */
    async addLeadNote(leadId: string, text: string): Promise<void> {
        await this.call('post', `/api/v4/leads/${encodeURIComponent(leadId)}/notes`, [{ note_type: 'common', params: { text } }]);
    }

    /** A contact's name, first phone number and first email. */
    async getContact(contactId: string): Promise<{ name: string | null; phone: string | null; email: string | null }> {
        const c = contactSchema.parse(await this.call('get', `/api/v4/contacts/${encodeURIComponent(contactId)}`));
        const first = (code: string) => {
            const v = c.custom_fields_values?.find((f) => f.field_code === code)?.values[0]?.value;
            return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
        };
        return { name: c.name ?? null, phone: first('PHONE'), email: first('EMAIL') };
    }

    /** A lead with its custom fields and its main contact's id (`GET /api/v4/leads/{id}?with=contacts`). */
    async getLeadWithContacts(leadId: string): Promise<{ id: string; name: string | null; fields: Map<string, string>; mainContactId: string | null }> {
        const l = leadDetailsSchema.parse(await this.call('get', `/api/v4/leads/${encodeURIComponent(leadId)}?with=contacts`));
        const fields = new Map((l.custom_fields_values ?? []).map((f) => [(f.field_name ?? '').toLowerCase(), String(f.values[0]?.value ?? '')]));
        const contacts = l._embedded?.contacts ?? [];
        return { id: l.id, name: l.name ?? null, fields, mainContactId: (contacts.find((c) => c.is_main) ?? contacts[0])?.id ?? null };
    }

    /** The Kommo user with this email (`GET /api/v4/users`), if any. */
    async findUserByEmail(email: string): Promise<{ id: string; name: string | null } | undefined> {
        const data = usersSchema.parse(await this.call('get', '/api/v4/users?limit=250'));
        const u = (data._embedded?.users ?? []).find((x) => x.email?.toLowerCase() === email.toLowerCase());
        return u ? { id: u.id, name: u.name ?? null } : undefined;
    }

    /** Makes a user responsible for a lead. */
    async setResponsible(leadId: string, userId: string): Promise<void> {
        await this.call('patch', `/api/v4/leads/${encodeURIComponent(leadId)}`, { responsible_user_id: Number(userId) });
    }

    /** A lead's responsible user. */
    async getLead(leadId: string): Promise<{ id: string; responsibleUserId: string | null }> {
        const l = leadSchema.parse(await this.call('get', `/api/v4/leads/${encodeURIComponent(leadId)}`));
        return { id: l.id, responsibleUserId: l.responsible_user_id ?? null };
    }

    /** A Kommo user, with the email that matches them to Teams. */
    async getUser(userId: string): Promise<{ id: string; name: string | null; email: string | null }> {
        const u = userSchema.parse(await this.call('get', `/api/v4/users/${encodeURIComponent(userId)}`));
        return { id: u.id, name: u.name ?? null, email: u.email ?? null };
    }

    private async call(method: 'get' | 'post' | 'patch', path: string, body?: unknown): Promise<unknown> {
        let permit;
        try {
            permit = await this.options.gate?.();
        } catch (err) {
            if (err instanceof RateGateTimeout) throw new DeliveryError(`Kommo's limit of 7 requests/s is used up: ${err.message}`, true, { peer: 'kommo', retryAfterMs: err.retryAfterMs });
            throw err;
        }
        try {
            const response = method === 'get' ? await this.http.get(path) : await this.http.request({ method, url: path, data: body, headers: { 'Content-Type': 'application/json' } });
            return response.data as unknown;
        } catch (err) {
            const failure = toDeliveryError(err);
            // Kommo asked everyone to wait: every request of this process holds back, not only this job.
            if (failure.status === 429) this.options.gate?.pause(failure.options.retryAfterMs ?? 1000);
            throw failure;
        } finally {
            await permit?.release();
        }
    }
}

/** An axios failure as a DeliveryError with Kommo's problem detail (`application/problem+json`). */
function toDeliveryError(err: unknown) {
    return httpClientError(err, 'kommo', { vendor: 'Kommo', explain: (data) => ({ message: (data as { detail?: string; title?: string } | undefined)?.detail ?? (data as { title?: string } | undefined)?.title }) });
}
