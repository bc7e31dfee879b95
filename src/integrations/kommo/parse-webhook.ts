import { parse } from 'qs';
import { z } from 'zod';

/**
 * Kommo webhook bodies: `application/x-www-form-urlencoded` with PHP-style bracket keys
 * (`message[add][0][text]`, `leads[status][0][id]`, `account[id]`). Parsed with `qs` (arrays up to
 * 1000 items, six levels deep), then checked with zod: what Deskbridge needs must be there.
 */
export function parseKommoForm(raw: string): Record<string, unknown> {
    return parse(raw, { depth: 6, arrayLimit: 1000, parameterLimit: 5000, allowPrototypes: false }) as Record<string, unknown>;
}

const idString = z.union([z.string().min(1), z.number()]).transform(String);
const epoch = z.union([z.string().regex(/^\d+$/), z.number()]).transform(Number).optional();

export const kommoMessageSchema = z
    .object({
        id: idString,
        chat_id: z.string().optional(),
        talk_id: idString.optional(),
        contact_id: idString,
        text: z.string().optional().default(''),
        created_at: epoch,
        entity_type: z.string().optional(),
        entity_id: idString.optional(),
        element_type: z.string().optional(),
        element_id: idString.optional(),
        type: z.enum(['incoming', 'outgoing']),
        origin: z.string().optional(),
        author: z.object({ id: idString.optional(), type: z.string(), name: z.string().optional() }).passthrough().optional(),
        attachment: z.object({ type: z.string().optional(), link: z.string().optional(), file_name: z.string().optional() }).passthrough().optional()
    })
    .passthrough();

export type KommoMessage = z.output<typeof kommoMessageSchema>;

export const kommoLeadEventSchema = z
    .object({
        id: idString,
        status_id: idString.optional(),
        pipeline_id: idString.optional(),
        responsible_user_id: idString.optional(),
        updated_at: epoch,
        last_modified: epoch
    })
    .passthrough();

export const kommoWebhookSchema = z
    .object({
        account: z.object({ id: idString, subdomain: z.string().optional() }).passthrough().optional(),
        message: z.object({ add: z.array(kommoMessageSchema).optional() }).passthrough().optional(),
        leads: z.object({ add: z.array(kommoLeadEventSchema).optional(), status: z.array(kommoLeadEventSchema).optional() }).passthrough().optional()
    })
    .passthrough();

export type KommoWebhook = z.output<typeof kommoWebhookSchema>;

/** The lead a message belongs to (Kommo sends it as entity/element of type lead, `2`). */
export function leadOfMessage(m: KommoMessage): string | null {
    if (m.entity_type === 'lead' && m.entity_id) return m.entity_id;
    if (m.element_type === '2' && m.element_id) return m.element_id;
    return null;
}
