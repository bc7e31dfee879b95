import { z } from 'zod/v4';
import { externalId, numericId } from '../../lib/ids';

/**
 * What Deskbridge reads of Intercom's webhook notification and Conversation objects
 * (`specs/intercom/`). Lenient where Intercom varies (ids as numbers or strings, nulls, extra
 * keys); strict where a missing field would make the delivery meaningless.
 */
// Bounded ids of parts and linked objects (they end up in keys and, for conversations, in paths).
const id = externalId;
// Assignee ids arrive as numbers: try that first (a failed union branch costs an issue object).
const optionalId = z.union([z.number(), z.string()]).nullable().optional().transform((v) => (v === null || v === undefined || v === '' || v === 0 || v === '0' ? null : String(v)));
const timestamp = z.number().nullable().optional();

export const envelopeSchema = z.object({
    type: z.literal('notification_event'),
    /** Null on `ping` deliveries. */
    id: externalId.nullable(),
    topic: z.string().min(1).max(100),
    app_id: z.string().optional(),
    created_at: timestamp,
    // Only `item` is read: the rest of `data` is left behind (the inbox keeps the delivery as received).
    data: z.object({ item: z.unknown() })
});

const authorSchema = z
    .object({ type: z.string(), id: optionalId, name: z.string().nullable().optional(), email: z.string().nullable().optional(), from_ai_agent: z.boolean().optional() })
    .passthrough();

const attachmentSchema = z.object({ name: z.string().nullable().optional(), url: z.string() }).passthrough();

export const partSchema = z
    .object({
        id: id,
        part_type: z.string(),
        body: z.string().nullable().optional(),
        created_at: z.number(),
        author: authorSchema,
        attachments: z.array(attachmentSchema).optional().default([]),
        assigned_to: z.unknown().optional()
    })
    .passthrough();

export const conversationSchema = z
    .object({
        type: z.literal('conversation'),
        // Goes into `/conversations/{id}`: digits only.
        id: numericId,
        created_at: z.number(),
        updated_at: timestamp,
        waiting_since: timestamp,
        snoozed_until: timestamp,
        title: z.string().nullable().optional(),
        state: z.string(),
        priority: z.string().nullable().optional(),
        admin_assignee_id: optionalId,
        team_assignee_id: optionalId,
        source: z
            .object({ subject: z.string().nullable().optional(), body: z.string().nullable().optional(), author: authorSchema, attachments: z.array(attachmentSchema).optional().default([]) })
            .passthrough(),
        tags: z.object({ tags: z.array(z.object({ name: z.string() }).passthrough()) }).passthrough().optional(),
        ai_agent: z.object({ resolution_state: z.string().nullable().optional(), last_answer_type: z.string().nullable().optional() }).passthrough().nullable().optional(),
        ai_agent_participated: z.boolean().nullable().optional(),
        conversation_parts: z.object({ conversation_parts: z.array(partSchema) }).passthrough().optional(),
        /** The people in the conversation (`contact.list`); the first is read for the customer's tier. */
        contacts: z.object({ contacts: z.array(z.object({ id: id }).passthrough()) }).passthrough().nullable().optional(),
        /** The customer's rating (1–5) and remark, once given. */
        conversation_rating: z
            .object({ rating: z.number().int().min(1).max(5).nullable().optional(), remark: z.string().nullable().optional(), created_at: timestamp })
            .passthrough()
            .nullable()
            .optional()
    })
    .passthrough();

/** A contact (`GET /contacts/{id}`): only its custom attributes are read, for the tier. */
export const contactSchema = z.object({ type: z.literal('contact'), id: id, custom_attributes: z.record(z.string(), z.unknown()).nullable().optional() }).passthrough();

/** A tag (`POST /tags` answers with it, created or found). */
export const tagSchema = z.object({ type: z.literal('tag'), id: z.union([z.string(), z.number()]).transform(String), name: z.string() }).passthrough();

export type IntercomConversation = z.output<typeof conversationSchema>;
export type IntercomPart = z.output<typeof partSchema>;

/** A ticket (`ticket.*` topics): customer tickets share their id with their conversation. */
export const ticketSchema = z
    .object({
        type: z.literal('ticket'),
        id: numericId,
        ticket_id: externalId.optional(),
        category: z.string().optional(),
        ticket_attributes: z.record(z.string(), z.unknown()).nullable().optional(),
        ticket_state: z.union([z.string(), z.object({ internal_label: z.string().nullable().optional(), category: z.string().nullable().optional() }).passthrough()]).nullable().optional(),
        ticket_type: z.object({ name: z.string().nullable().optional() }).passthrough().nullable().optional(),
        linked_objects: z.object({ data: z.array(z.object({ type: z.string(), id: id }).passthrough()) }).passthrough().nullable().optional(),
        admin_assignee_id: optionalId,
        team_assignee_id: optionalId,
        open: z.boolean().nullable().optional(),
        snoozed_until: timestamp,
        created_at: z.number().optional()
    })
    .passthrough();

export type IntercomTicket = z.output<typeof ticketSchema>;

/**
 * What the webhook checks of a conversation before acknowledging: enough to know it is one and to
 * order its jobs. The mirror job validates the whole object ({@link conversationSchema}) in the
 * worker, so the request stays fast; for the same reason nothing else of the object is copied.
 */
export const conversationAtIngressSchema = z.object({
    type: z.literal('conversation'),
    id: numericId,
    created_at: z.number(),
    state: z.string(),
    source: z.object({ author: z.object({ type: z.string() }) })
});
