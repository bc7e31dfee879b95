import { cancelWithJob } from '../../lib/job-signal';
import axios, { type AxiosInstance } from 'axios';
import { httpClientError } from '../../lib/http-client-error';
import type { N8nInboundMessage } from './schemas';

/** Numbers stay numbers in the payload (the workflow was built on Kommo's numeric ids). */
export const asNumberIfNumeric = (v: string | null): number | string | null => (v !== null && /^\d{1,15}$/.test(v) ? Number(v) : v);

/** How long Deskbridge waits for a synchronous answer by default (`N8N_TIMEOUT_MS`). */
export const DEFAULT_N8N_TIMEOUT_MS = 25_000;

/**
 * The AI's answer in what a Webhook node's response can be (docs.n8n.io, Webhook node "Respond"
 * and the Respond to Webhook node): one object (*First Entry JSON*, *JSON*, *First Incoming
 * Item*), a list of items (*All Entries*, *All Incoming Items*), items wrapped as `{json}`, the
 * object nested under the field named by the node's *Put Response in Field* option
 * (`responseField`), JSON sent as text, or the answer itself as text. `{"message":"Workflow was
 * started"}` (*Immediately*) and an empty body mean the answer comes later by callback.
 */
export function answerOf(data: unknown, responseField?: string): { responseText: string; shouldHandoff: boolean } | undefined {
    let body: unknown = data;
    if (typeof body === 'string') {
        const text = body.trim();
        if (!text) return undefined;
        try {
            body = JSON.parse(text) as unknown;
        } catch {
            // The Respond to Webhook node's *Text* option: the answer as typed.
            return { responseText: text.slice(0, 10_000), shouldHandoff: false };
        }
    }
    if (Array.isArray(body)) body = body[0];
    if (body && typeof body === 'object' && 'json' in body) body = (body as { json: unknown }).json;
    if (responseField && body && typeof body === 'object' && responseField in body) return answerOf((body as Record<string, unknown>)[responseField]);
    const answer = body as { response_text?: unknown; should_handoff?: unknown } | undefined;
    if (!answer || typeof answer !== 'object' || typeof answer.response_text !== 'string' || answer.response_text.trim() === '') return undefined;
    return { responseText: answer.response_text.trim().slice(0, 10_000), shouldHandoff: answer.should_handoff === true };
}

/**
 * The n8n workflow's Webhook node. Posts with `Authorization: Bearer N8N_API_KEY` when set (the
 * node's *Header Auth* credential with Name `Authorization`, Value `Bearer <key>`). The
 * workflow answers at once or later through `/api/n8n/replies` (see {@link answerOf}).
 */
export class N8nClient {
    private readonly http: AxiosInstance;

    constructor(private readonly options: { webhookUrl: string; apiKey?: string; timeoutMs?: number; responseField?: string }) {
        this.http = cancelWithJob(axios.create({
            baseURL: options.webhookUrl,
            timeout: options.timeoutMs ?? DEFAULT_N8N_TIMEOUT_MS,
            // The answer is read as text and parsed here: the Text option of Respond to Webhook is not JSON.
            responseType: 'text',
            transformResponse: (data: unknown) => data,
            headers: { 'Content-Type': 'application/json', Accept: 'application/json, text/plain;q=0.9', ...(options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {}) }
        }));
    }

    /** Hands a customer message to the AI; returns its answer when the workflow answered synchronously. */
    async forward(message: N8nInboundMessage): Promise<{ responseText: string; shouldHandoff: boolean } | undefined> {
        let data: unknown;
        try {
            data = (await this.http.post('', message)).data as unknown;
        } catch (err) {
            throw httpClientError(err, 'n8n');
        }
        return answerOf(data, this.options.responseField);
    }
}
