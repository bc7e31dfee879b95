import { z } from 'zod/v4';

/**
 * What Deskbridge reads of Zendesk's webhooks and Support REST API (developer.zendesk.com:
 * "Ticket events" webhook payloads, Tickets, Ticket Comments, Users, Groups, Organizations,
 * Ticket Audits). Lenient where Zendesk varies (ids as numbers in REST and strings in events,
 * nulls, extra keys); strict where a missing field would make the data meaningless.
 */

/** Zendesk ids are positive integers (up to 2^53 in practice); events send them as strings. */
export const zendeskId = z
    .union([z.number().int().positive().max(Number.MAX_SAFE_INTEGER), z.string().regex(/^\d{1,16}$/, 'must be a Zendesk id (digits)')])
    .transform(String);
const optionalId = z
    .union([z.number(), z.string()])
    .nullable()
    .optional()
    .transform((v) => (v === null || v === undefined || v === '' || v === 0 || v === '0' ? null : String(v)));

/** The ticket event types that change what a thread shows (zen:event-type:ticket.*). */
export const TICKET_EVENT_TYPES = [
    'ticket.created',
    'ticket.comment_added',
    'ticket.status_changed',
    'ticket.agent_assignment_changed',
    'ticket.group_assignment_changed',
    'ticket.priority_changed',
    'ticket.tags_changed',
    'ticket.subject_changed',
    'ticket.requester_changed'
] as const;

/**
 * A ticket event webhook: `{type, account_id, id, time, zendesk_event_version, subject, detail,
 * event}`, `subject` being `zen:ticket:<id>`. Only what routes it is read here: the job reads the
 * ticket itself from the REST API.
 */
export const eventEnvelopeSchema = z.object({
    type: z.string().min(1).max(200).regex(/^zen:event-type:/, 'must be a zen:event-type:… name'),
    account_id: z.union([z.number(), z.string()]).optional(),
    id: z.string().min(1).max(100).regex(/^[A-Za-z0-9_-]+$/, 'must be an event id'),
    time: z.string().max(64).optional(),
    zendesk_event_version: z.string().max(32).optional(),
    subject: z.string().max(200),
    detail: z.object({ id: zendeskId }).passthrough(),
    event: z.unknown().optional()
});

/**
 * The body of a trigger-based webhook, as the README's trigger JSON writes it:
 * `{"deskbridge_trigger": "ticket", "ticket_id": "{{ticket.id}}", "updated_at": "{{ticket.updated_at_with_timestamp}}"}`.
 */
export const triggerBodySchema = z.object({
    deskbridge_trigger: z.literal('ticket'),
    ticket_id: zendeskId,
    updated_at: z.string().min(1).max(64).regex(/^[A-Za-z0-9:.+ -]+$/, 'must be the ticket\'s update time')
});

const satisfactionSchema = z
    .object({ score: z.string(), comment: z.string().nullable().optional(), id: optionalId, updated_at: z.string().nullable().optional() })
    .passthrough()
    .nullable()
    .optional();

/** `GET /api/v2/tickets/{id}.json` → `{ticket}`. */
export const ticketSchema = z
    .object({
        id: zendeskId,
        subject: z.string().nullable().optional(),
        raw_subject: z.string().nullable().optional(),
        description: z.string().nullable().optional(),
        status: z.string(),
        priority: z.string().nullable().optional(),
        requester_id: optionalId,
        assignee_id: optionalId,
        group_id: optionalId,
        organization_id: optionalId,
        tags: z.array(z.string()).optional().default([]),
        created_at: z.string(),
        updated_at: z.string().nullable().optional(),
        satisfaction_rating: satisfactionSchema
    })
    .passthrough();
export type ZendeskTicket = z.output<typeof ticketSchema>;
export const ticketResponseSchema = z.object({ ticket: ticketSchema }).passthrough();

const attachmentSchema = z.object({ file_name: z.string().nullable().optional(), content_url: z.string() }).passthrough();

/** One comment of `GET /api/v2/tickets/{id}/comments.json`. */
export const commentSchema = z
    .object({
        id: zendeskId,
        author_id: optionalId,
        body: z.string().nullable().optional(),
        html_body: z.string().nullable().optional(),
        plain_body: z.string().nullable().optional(),
        public: z.boolean(),
        attachments: z.array(attachmentSchema).optional().default([]),
        created_at: z.string(),
        via: z.object({ channel: z.union([z.string(), z.number()]).optional() }).passthrough().nullable().optional()
    })
    .passthrough();
export type ZendeskComment = z.output<typeof commentSchema>;
export const commentListSchema = z.object({ comments: z.array(commentSchema) }).passthrough();

/** A user (`users/show_many`, `users/search`, `users/{id}`). */
export const userSchema = z
    .object({ id: zendeskId, name: z.string().nullable().optional(), email: z.string().nullable().optional(), role: z.string().nullable().optional(), organization_id: optionalId, user_fields: z.record(z.string(), z.unknown()).nullable().optional() })
    .passthrough();
export type ZendeskUser = z.output<typeof userSchema>;
export const userListSchema = z.object({ users: z.array(userSchema) }).passthrough();
export const userResponseSchema = z.object({ user: userSchema }).passthrough();

export const groupListSchema = z.object({ groups: z.array(z.object({ id: zendeskId, name: z.string().nullable().optional() }).passthrough()), next_page: z.string().nullable().optional() }).passthrough();

export const organizationResponseSchema = z.object({ organization: z.object({ id: zendeskId, organization_fields: z.record(z.string(), z.unknown()).nullable().optional() }).passthrough() }).passthrough();

/** `PUT /api/v2/tickets/{id}.json` answers with the ticket and the audit of the update; its Comment events name the comments created. */
export const updateResponseSchema = z
    .object({
        ticket: ticketSchema,
        audit: z.object({ id: optionalId, events: z.array(z.object({ id: zendeskId, type: z.string() }).passthrough()).optional().default([]) }).passthrough().nullable().optional()
    })
    .passthrough();

/** `GET /api/v2/search.json?query=type:ticket status<solved` (one page). */
export const searchResultsSchema = z.object({ results: z.array(ticketSchema), next_page: z.string().nullable().optional() }).passthrough();
