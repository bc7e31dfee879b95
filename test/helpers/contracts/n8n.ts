import { z } from 'zod/v4';
import { Contract } from '../contract';

/**
 * An n8n Webhook node (docs.n8n.io, Webhook node): `POST` to its production path
 * `/webhook/<path>` with a JSON body; with *Header Auth*, the credential's header — here
 * `Authorization: Bearer <N8N_API_KEY>`. n8n takes any JSON: the body schemas are Deskbridge's
 * own contract with the workflows (README, *WhatsApp* and *Hot leads*).
 */
const json = (h: Record<string, unknown>) => (/^application\/json/.test(String(h['content-type'] ?? '')) ? [] : ['Content-Type is not application/json']);
const id = z.union([z.number().int(), z.string().min(1)]);

export const N8N_AI_MESSAGE = z
    .object({
        conversation_id: z.string().nullable(),
        contact_id: id,
        lead_id: id.nullable(),
        talk_id: id.nullable(),
        message_text: z.string().min(1),
        timestamp: z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        chat_type: z.literal('whatsapp'),
        deskbridge_message_id: z.string().min(1)
    })
    .strict();

export function n8nContract(path: string, body: z.ZodTypeAny = z.record(z.string(), z.unknown()), apiKey?: string): Contract {
    return new Contract(`n8n Webhook node ${path}`, [
        {
            name: 'Webhook node',
            method: 'POST',
            path,
            headers: (h) => [...json(h), ...(apiKey && h.authorization !== `Bearer ${apiKey}` ? ['Header Auth: no Authorization: Bearer <N8N_API_KEY>'] : [])],
            body
        }
    ]);
}

/** What Deskbridge posts to a lead workflow (`N8N_LEAD_WEBHOOK_URL_*`). */
export const N8N_LEAD = z
    .object({
        lead_id: z.string().nullable(),
        nome: z.string().min(1),
        email: z.string().nullable(),
        telefone: z.string().nullable(),
        score: z.number().int().min(0).max(40),
        status: z.enum(['QUENTE', 'MORNO', 'FRIO']),
        interesse: z.string().nullable(),
        renda_aproximada: z.number().nullable(),
        cidade: z.string().nullable(),
        origem: z.string(),
        created_at: z.string(),
        breakdown: z.array(z.object({ points: z.number(), reason: z.string() }).passthrough())
    })
    .strict();
