import { z } from 'zod/v4';
import { aiActive } from '../../domain/whatsapp-contact';
import type { WhatsAppThreads } from '../../domain/whatsapp-jobs';
import type { JobHandler } from '../../outbox/job-handler';
import { jobType } from '../../outbox/job-type';
import type { NewJob } from '../../outbox/job-store';
import type { WhatsAppContactsRepo } from '../../store/whatsapp-contacts-repo';
import { aiReplyJob } from './ai-reply-job';
import { asNumberIfNumeric, type N8nClient } from '../../integrations/n8n/client';

export const N8N_FORWARD_JOB = 'n8n.forward';

/** The reply id of the AI's answer to a forwarded message, synchronous or by callback alike. */
export const answerKey = (messageId: string): string => `msg:${messageId}`;

const payloadSchema = z.object({
    messageId: z.string().min(1),
    contactId: z.string().min(1),
    leadId: z.string().nullable(),
    talkId: z.string().nullable(),
    chatId: z.string().nullable(),
    text: z.string().min(1),
    sentAt: z.number()
});

/**
 * A customer message for the AI. Its own key per contact keeps the AI's messages in order without
 * holding up the contact's Teams thread while n8n is down (the thread must say so at once).
 */
export const N8N_FORWARD = jobType({ kind: N8N_FORWARD_JOB, peer: 'n8n', payload: payloadSchema, orderingKey: (p) => `n8n:${p.contactId}`, dedupeKey: (p) => `n8n:${p.messageId}` });

export const n8nForwardJob = (payload: z.input<typeof payloadSchema>): NewJob => N8N_FORWARD.create(payload);

/**
 * `n8n.forward`: posts a customer message to the AI workflow (unless a salesperson paused the AI
 * since it arrived). A synchronous answer becomes an AI reply job. When n8n fails, the thread says
 * at once that the AI is unavailable so a human answers, while the job keeps retrying.
 */
export function n8nForwardHandler(deps: { client: N8nClient; contacts: WhatsAppContactsRepo; threads: WhatsAppThreads; autoResumeMinutes: number }): JobHandler {
    const { client, contacts, threads } = deps;
    return N8N_FORWARD.handler({
        async run(p, context) {
            const contact = await contacts.get(p.contactId);
            if (contact && !aiActive(contact, Date.now(), deps.autoResumeMinutes)) return;
            const answer = await client.forward({
                conversation_id: p.chatId,
                contact_id: asNumberIfNumeric(p.contactId)!,
                lead_id: asNumberIfNumeric(p.leadId),
                talk_id: asNumberIfNumeric(p.talkId),
                message_text: p.text,
                timestamp: new Date(p.sentAt).toISOString().replace(/\.\d{3}Z$/, 'Z'),
                chat_type: 'whatsapp',
                deskbridge_message_id: p.messageId
            });
            // One answer per message: a callback for the same message id is dropped (same dedupe key).
            if (answer) await context.enqueue([aiReplyJob({ contactId: p.contactId, leadId: p.leadId, text: answer.responseText, shouldHandoff: answer.shouldHandoff, replyId: answerKey(p.messageId) })]);
        },
        onFirstFailure: (p, reason) => [threads.notice(p.contactId, threads.texts.aiUnavailable(reason), `ai-down:${p.messageId}`)],
        onDead: (p, reason) => [threads.notice(p.contactId, threads.texts.aiUnavailable(reason), `ai-dead:${p.messageId}`)]
    });
}
