import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import { DeliveryError, classifyError, isRetryableStatus } from '../../outbox/delivery-error';

export interface IntercomClientOptions {
    baseUrl: string;
    accessToken: string;
    /** `Intercom-Version` header, e.g. 2.14. */
    version: string;
    timeoutMs?: number;
}

const adminListSchema = z.object({ admins: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string().nullable().optional(), email: z.string().nullable().optional() }).passthrough()) }).passthrough();
const teamListSchema = z.object({ teams: z.array(z.object({ id: z.union([z.string(), z.number()]).transform(String), name: z.string().nullable().optional() }).passthrough()) }).passthrough();

export type IntercomAdmin = { id: string; name: string | null; email: string | null };
export type IntercomTeam = { id: string; name: string | null };

/**
 * Intercom's REST API as Deskbridge uses it: every request carries `Authorization: Bearer`,
 * `Intercom-Version` and `Accept: application/json`. Failures come out as {@link DeliveryError}
 * (never axios' error, whose config holds the token), with the wait Intercom asks for on 429
 * taken from `Retry-After` or `X-RateLimit-Reset`.
 */
export class IntercomClient {
    private readonly http: AxiosInstance;

    constructor(options: IntercomClientOptions) {
        this.http = axios.create({
            baseURL: options.baseUrl,
            timeout: options.timeoutMs ?? 15_000,
            headers: { Authorization: `Bearer ${options.accessToken}`, 'Intercom-Version': options.version, Accept: 'application/json' }
        });
    }

    /** `GET /admins`: every teammate, with the email used to match Teams users. */
    async listAdmins(): Promise<IntercomAdmin[]> {
        const data = adminListSchema.parse(await this.get('/admins'));
        return data.admins.map((a) => ({ id: a.id, name: a.name ?? null, email: a.email ?? null }));
    }

    /** `GET /teams`: the inbox teams conversations are assigned to. */
    async listTeams(): Promise<IntercomTeam[]> {
        const data = teamListSchema.parse(await this.get('/teams'));
        return data.teams.map((t) => ({ id: t.id, name: t.name ?? null }));
    }

    private async get(path: string): Promise<unknown> {
        try {
            return (await this.http.get(path)).data as unknown;
        } catch (err) {
            throw toDeliveryError(err);
        }
    }
}

/** An axios failure as a DeliveryError, without the request config (it holds the token). */
function toDeliveryError(err: unknown): DeliveryError {
    const e = err as { message?: string; code?: string; response?: { status?: number; headers?: Record<string, unknown>; data?: unknown } };
    const status = e.response?.status;
    if (status === undefined) return classifyError({ message: e.message, code: e.code }, 'intercom');
    const headers = e.response?.headers ?? {};
    const reset = Number(headers['x-ratelimit-reset']);
    const retryAfterMs = status === 429 && Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : undefined;
    const detail = (e.response?.data as { errors?: Array<{ message?: string }> } | undefined)?.errors?.[0]?.message;
    const classified = classifyError({ message: detail ?? e.message, response: { status, headers } }, 'intercom');
    return new DeliveryError(detail ? `Intercom says: ${detail}` : classified.message, isRetryableStatus(status), { status, retryAfterMs: classified.retryAfterMs ?? retryAfterMs, peer: 'intercom' });
}
