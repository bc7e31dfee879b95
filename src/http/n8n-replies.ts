import { createHash } from 'node:crypto';
import type { Server } from 'restify';
import { aiReplyJob } from '../integrations/n8n/ai-reply-job';
import { n8nReplySchema } from '../integrations/n8n/client';
import { answerKey } from '../integrations/n8n/forward-job';
import { secretEquals } from '../lib/constant-time';
import { schemaMismatch, unauthorized } from '../lib/http-error';
import type { Logger } from '../lib/logger';
import type { Outbox } from '../outbox/index';
import { parseJson } from './json-body';
import { rawBodyOf } from './raw-body';
import { route } from './route';

/**
 * `POST /api/n8n/replies` (`Authorization: Bearer N8N_CALLBACK_TOKEN`): the AI's answer when the
 * workflow answers later. Stored (a repeated callback — same `reply_id`, or the same body — is
 * one answer), then delivered by the AI reply job.
 */
export function registerN8nReplies(server: Server, deps: { callbackToken: string | undefined; outbox: Outbox; logger: Logger }): void {
    server.post('/api/n8n/replies', route(deps.logger, async (req, res) => {
        if (!deps.callbackToken) throw unauthorized('n8n callbacks are disabled: set N8N_CALLBACK_TOKEN');
        const presented = /^Bearer\s+(.+)$/i.exec(req.header('authorization') ?? '')?.[1]?.trim();
        if (!secretEquals(presented, deps.callbackToken)) throw unauthorized('Missing or invalid Bearer token');
        const parsed = n8nReplySchema.safeParse(parseJson(req));
        if (!parsed.success) throw schemaMismatch(parsed.error.issues);
        const reply = parsed.data;
        // An answer to a forwarded message counts once per message, whether it came synchronously or here.
        const eventId = reply.deskbridge_message_id ? answerKey(reply.deskbridge_message_id) : (reply.reply_id ?? createHash('sha256').update(rawBodyOf(req)).digest('hex'));
        const replyId = reply.deskbridge_message_id ? answerKey(reply.deskbridge_message_id) : `cb:${eventId}`;
        const job = aiReplyJob({ contactId: reply.contact_id, leadId: reply.lead_id ?? null, text: reply.response_text, shouldHandoff: reply.should_handoff, replyId });
        const result = await deps.outbox.ingest({ source: 'n8n', eventId, topic: 'reply', payload: reply }, [job]);
        // Stored without a job: the message was answered already (synchronously).
        res.send(200, { status: result.stored && result.jobs > 0 ? 'stored' : 'duplicate' });
    }));
}
