import { z } from 'zod/v4';
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
    /**
     * The idempotency key of this message: the same on every retry. A workflow that answers later
     * sends it back on its callback; Deskbridge accepts one answer per key, whichever comes first.
     */
    deskbridge_message_id: string;
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
        reply_id: externalId.optional(),
        /** The forwarded message's key (echoed from the request): one answer per message. */
        deskbridge_message_id: externalId.optional()
    })
    .passthrough();

export type N8nReply = z.output<typeof n8nReplySchema>;
