import axios, { type AxiosInstance } from 'axios';
import { z } from 'zod';
import { httpClientError } from '../../lib/http-client-error';
import { externalId, numericId } from '../../lib/ids';

/** What Deskbridge posts to the n8n AI workflow for a customer message. */
export interface N8nInboundMessage {
    conversation_id: string | null;
    contact_id: number | string;
    lead_id: number | string | null;
    talk_id: number | string | null;
    message_text: string;
    timestamp: string;
    chat_type: 'whatsapp';
}

/** The AI's answer, from the webhook's response or from a later callback. */
export const n8nReplySchema = z
    .object({
        conversation_id: externalId.nullable().optional(),
        contact_id: numericId,
        lead_id: numericId.nullable().optional(),
        response_text: z.string().trim().min(1).max(10_000),
        should_handoff: z.boolean().optional().default(false),
        /** Optional id of this answer, to drop repeated callbacks. */
        reply_id: externalId.optional()
    })
    .passthrough();

export type N8nReply = z.output<typeof n8nReplySchema>;

/** Numbers stay numbers in the payload (the workflow was built on Kommo's numeric ids). */
export const asNumberIfNumeric = (v: string | null): number | string | null => (v !== null && /^\d{1,15}$/.test(v) ? Number(v) : v);

/**
 * The n8n workflow's Webhook node. Posts with `Authorization: Bearer N8N_API_KEY` when set. The
 * workflow answers at once (`response_text`, optionally `should_handoff`) or later through
 * `/api/n8n/replies`; a body without `response_text` means "later".
 */
export class N8nClient {
    private readonly http: AxiosInstance;

    constructor(options: { webhookUrl: string; apiKey?: string; timeoutMs?: number }) {
        this.http = axios.create({
            baseURL: options.webhookUrl,
            timeout: options.timeoutMs ?? 25_000,
            headers: { 'Content-Type': 'application/json', Accept: 'application/json', ...(options.apiKey ? { Authorization: `Bearer ${options.apiKey}` } : {}) }
        });
    }

    /** Hands a customer message to the AI; returns its answer when the workflow answered synchronously. */
    async forward(message: N8nInboundMessage): Promise<{ responseText: string; shouldHandoff: boolean } | undefined> {
        let data: unknown;
        try {
            data = (await this.http.post('', message)).data as unknown;
        } catch (err) {
            throw httpClientError(err, 'n8n');
        }
        // "Last node" mode answers with the node's items; "Respond to Webhook" with one object.
        const first = Array.isArray(data) ? (data[0] as unknown) : data;
        const body = (first && typeof first === 'object' && 'json' in first ? (first as { json: unknown }).json : first) as { response_text?: unknown; should_handoff?: unknown } | undefined;
        if (!body || typeof body.response_text !== 'string' || body.response_text.trim() === '') return undefined;
        return { responseText: body.response_text.trim(), shouldHandoff: body.should_handoff === true };
    }
}
