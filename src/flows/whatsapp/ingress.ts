import { createHash } from 'node:crypto';
import { schemaMismatch, unauthorized } from '../../lib/http-error';
import type { WebhookIngress } from '../../integrations/ingress';
import { aiReplyJob } from './ai-reply-job';
import { n8nReplySchema } from '../../integrations/n8n/schemas';
import { verifyN8nCallback } from '../../integrations/n8n/verify';
import { answerKey } from './forward-job';

/**
 * `POST /api/n8n/replies` (`Authorization: Bearer N8N_CALLBACK_TOKEN`): the AI's answer when the
 * workflow answers later — the WhatsApp flow's ingress (n8n's answer becomes a Kommo send and a
 * thread post). Stored (a repeated callback — same `reply_id`, or the same body — is
 * one answer), then delivered by the AI reply job.
 */
export function n8nRepliesIngress(callbackToken: string | undefined): WebhookIngress {
    return {
        source: 'n8n',
        path: '/api/n8n/replies',
        authenticate(request) {
            if (!callbackToken) throw unauthorized('n8n callbacks are disabled: set N8N_CALLBACK_TOKEN');
            if (!verifyN8nCallback(request.header('authorization'), callbackToken)) throw unauthorized('Missing or invalid Bearer token');
        },
        accept(request) {
            const parsed = n8nReplySchema.safeParse(request.body.value);
            if (!parsed.success) throw schemaMismatch(parsed.error.issues);
            const reply = parsed.data;
            // An answer to a forwarded message counts once per message, whether it came synchronously or here.
            const eventId = reply.deskbridge_message_id ? answerKey(reply.deskbridge_message_id) : (reply.reply_id ?? createHash('sha256').update(request.raw).digest('hex'));
            const replyId = reply.deskbridge_message_id ? answerKey(reply.deskbridge_message_id) : `cb:${eventId}`;
            const job = aiReplyJob({ contactId: reply.contact_id, leadId: reply.lead_id ?? null, text: reply.response_text, shouldHandoff: reply.should_handoff, replyId });
            return {
                kind: 'reply',
                deliveries: [{ delivery: { source: 'n8n', eventId, topic: 'reply', payload: reply }, jobs: [job] }],
                // Stored without a job: the message was answered already (synchronously).
                answer: ([result]) => ({ status: 200, body: { status: result?.stored && result.jobs > 0 ? 'stored' : 'duplicate' } })
            };
        }
    };
}
