import { parse } from 'qs';
import { z } from 'zod/v4';
import { externalId, numericId } from '../../lib/ids';

/**
 * Kommo webhook bodies: `application/x-www-form-urlencoded` with PHP-style bracket keys
 * (`message[add][0][text]`, `leads[status][0][id]`, `account[id]`). Parsed with `qs` (arrays up to
 * 1000 items, six levels deep), then checked with zod: what Deskbridge needs must be there.
 */
export function parseKommoForm(raw: string): Record<string, unknown> {
    return parse(raw, { depth: 6, arrayLimit: 1000, parameterLimit: 5000, allowPrototypes: false }) as Record<string, unknown>;
}

// Kommo's numeric ids (contacts, leads, talks) go into API paths; message and chat ids are UUIDs.
const idString = numericId;
const epoch = z.union([z.string().regex(/^\d+$/), z.number()]).transform(Number).optional();

export const kommoMessageSchema = z
    .object({
        id: externalId,
        chat_id: externalId.optional(),
        talk_id: idString.optional(),
        /** Absent in Kommo's published example, where the chat hangs on a contact (`element_type=1`). */
        contact_id: idString.optional(),
        text: z.string().max(65_536).optional().default(''),
        created_at: epoch,
        entity_type: z.string().max(32).optional(),
        entity_id: idString.optional(),
        element_type: z.string().max(8).optional(),
        element_id: idString.optional(),
        /** Absent in Kommo's published example: read from the author (`external` customer, `user` salesperson). */
        type: z.enum(['incoming', 'outgoing']).optional(),
        origin: z.string().max(64).optional(),
        /** `type` (external / user / bot) is absent in Kommo's published example. */
        author: z.object({ id: externalId.optional(), type: z.string().max(32).optional(), name: z.string().max(500).optional() }).passthrough().optional(),
        attachment: z.object({ type: z.string().max(64).optional(), link: z.string().max(4096).optional(), file_name: z.string().max(500).optional() }).passthrough().optional()
    })
    .passthrough()
    .transform((m) => ({
        ...m,
        contact_id: m.contact_id ?? (m.element_type === '1' || m.entity_type === 'contact' ? (m.element_id ?? m.entity_id) : undefined),
        type: m.type ?? (m.author?.type === 'user' ? ('outgoing' as const) : ('incoming' as const))
    }));

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

/** The most items one form may carry; a larger delivery is refused whole (413). */
export const MAX_KOMMO_ITEMS = 1000;

/** The form's envelope; its items are checked one by one with {@link parseKommoItems}. */
export const kommoWebhookSchema = z
    .object({
        account: z.object({ id: idString, subdomain: z.string().max(100).optional() }).passthrough().optional(),
        message: z.object({ add: z.unknown().optional() }).passthrough().optional(),
        leads: z.object({ add: z.unknown().optional(), status: z.unknown().optional() }).passthrough().optional()
    })
    .passthrough();

/** One item that could not be used, and why (for the skipped-items metric and the log). */
export interface SkippedItem {
    kind: string;
    index: number;
    reason: 'invalid' | 'no_contact';
    detail: string;
}

/**
 * The items of one list of the form (`message[add]`, `leads[status]`…), each parsed on its own:
 * Kommo switches a hook off after more than 100 non-2xx answers in two hours, so one bad item
 * must not refuse the rest. `qs` returns an object instead of an array past its array limit,
 * hence both shapes.
 */
export function parseKommoItems<T extends z.ZodTypeAny>(kind: string, list: unknown, schema: T): { items: Array<z.output<T>>; skipped: SkippedItem[] } {
    const raw = list === undefined ? [] : Array.isArray(list) ? list : typeof list === 'object' && list !== null ? Object.values(list) : [list];
    const items: Array<z.output<T>> = [];
    const skipped: SkippedItem[] = [];
    raw.forEach((item, index) => {
        const parsed = schema.safeParse(item);
        if (parsed.success) items.push(parsed.data);
        else skipped.push({ kind, index, reason: 'invalid', detail: parsed.error.issues.map((i) => `${i.path.join('.') || '(item)'} ${i.message}`).join('; ').slice(0, 300) });
    });
    return { items, skipped };
}

/** How many items a form carries in all its lists. */
export function countKommoItems(form: { message?: { add?: unknown }; leads?: { add?: unknown; status?: unknown } }): number {
    const size = (list: unknown) => (Array.isArray(list) ? list.length : typeof list === 'object' && list !== null ? Object.keys(list).length : list === undefined ? 0 : 1);
    return size(form.message?.add) + size(form.leads?.add) + size(form.leads?.status);
}

export type KommoWebhook = z.output<typeof kommoWebhookSchema>;

/** The lead a message belongs to (Kommo sends it as entity/element of type lead, `2`). */
export function leadOfMessage(m: KommoMessage): string | null {
    if (m.entity_type === 'lead' && m.entity_id) return m.entity_id;
    if (m.element_type === '2' && m.element_id) return m.element_id;
    return null;
}
