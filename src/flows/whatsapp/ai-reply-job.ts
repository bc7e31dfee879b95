import { personMention, textMessage } from '../../domain/thread-post';
import { z } from 'zod/v4';
import { setAiState } from '../../domain/ai-pause';
import type { ConversationActivity } from '../../domain/conversation-activity';
import { aiActive, whatsappThreadKey } from '../../domain/whatsapp-contact';
import type { WhatsAppThreads } from '../../domain/whatsapp-jobs';
import type { Logger } from '../../lib/logger';
import type { JobHandler } from '../../outbox/job-handler';
import { jobType } from '../../outbox/job-type';
import type { NewJob } from '../../outbox/job-store';
import type { TeamsPeopleRepo } from '../../store/teams-people-repo';
import type { IdentityLinksRepo } from '../../store/identity-links-repo';
import type { WhatsAppContactsRepo } from '../../store/whatsapp-contacts-repo';
import type { KommoClient } from '../../integrations/kommo/client';
import { kommoSendJob } from '../../integrations/kommo/jobs';
import { inlineText, linkifyPlainText, quoteLines } from '../../lib/markdown';

export const AI_REPLY_JOB = 'whatsapp.ai_reply';

const payloadSchema = z.object({
    contactId: z.string().min(1),
    leadId: z.string().nullable().optional(),
    text: z.string().min(1),
    shouldHandoff: z.boolean(),
    /** `sync:<message id>` or the callback's id: one answer is sent once. */
    replyId: z.string().min(1)
});

/** An AI answer to deliver (from n8n's webhook response or its callback). */
export const AI_REPLY = jobType({ kind: AI_REPLY_JOB, peer: 'deskbridge', payload: payloadSchema, orderingKey: (p) => `thread:${whatsappThreadKey(p.contactId)}`, dedupeKey: (p) => `ai-reply:${p.replyId}` });

export const aiReplyJob = (payload: z.input<typeof payloadSchema>): NewJob => AI_REPLY.create(payload);

export interface AiReplyDeps {
    contacts: WhatsAppContactsRepo;
    threads: WhatsAppThreads;
    people: TeamsPeopleRepo;
    kommo?: KommoClient;
    autoResumeMinutes: number;
    logger: Logger;
    activity?: ConversationActivity;
    identities?: IdentityLinksRepo;
}

/**
 * `whatsapp.ai_reply`: while the AI is active for the contact, sends its answer through Kommo
 * (mirrored as "🤖 AI: …" once sent); if a human paused it meanwhile, the answer is withheld and
 * shown in the thread for reuse. `should_handoff` pauses the AI and alerts the thread, @mentioning
 * the lead's responsible salesperson when their Kommo email matches a Teams user.
 */
export function aiReplyHandler(deps: AiReplyDeps): JobHandler {
    const { contacts, threads } = deps;
    const t = threads.texts;
    return AI_REPLY.handler({
        async run(p, context) {
            const contact = (await contacts.get(p.contactId)) ?? (await contacts.upsert({ contactId: p.contactId, leadId: p.leadId ?? null }));
            const quoted = quoteLines(p.text);
            const jobs: NewJob[] = [threads.start(contact)];
            const active = aiActive(contact, Date.now(), deps.autoResumeMinutes);
            if (active) {
                jobs.push(kommoSendJob({ contactId: p.contactId, leadId: p.leadId ?? contact.leadId, text: p.text, mirror: `${t.ai}\n\n${linkifyPlainText(p.text)}`, author: 'ai' }, `ai-send:${p.replyId}`));
            } else {
                jobs.push(threads.notice(p.contactId, `${t.aiWithheld}\n\n${quoted}`, `withheld:${p.replyId}`));
            }
            if (p.shouldHandoff && active) {
                const paused = await setAiState(contacts, threads, p.contactId, { paused: true, by: 'AI', via: 'handoff' });
                await deps.activity?.escalated(whatsappThreadKey(p.contactId));
                jobs.push(...paused.jobs, threads.post(p.contactId, await handoffAlert(deps, paused.contact.leadId), `handoff:${p.replyId}`));
            }
            await context.enqueue(jobs);
        }
    });
}

/** The handoff alert, @mentioning the responsible salesperson when Kommo and Teams agree on an email. */
async function handoffAlert(deps: AiReplyDeps, leadId: string | null) {
    const t = deps.threads.texts;
    try {
        const lead = leadId && deps.kommo ? await deps.kommo.getLead(leadId) : undefined;
        const linked = lead?.responsibleUserId && deps.identities ? await deps.identities.byKommoUser(lead.responsibleUserId) : undefined;
        if (linked) {
            const mention = personMention(linked.teamsUserId, linked.teamsName);
            return textMessage(t.handoff(mention.text), [mention]);
        }
        const user = lead?.responsibleUserId && deps.kommo ? await deps.kommo.getUser(lead.responsibleUserId) : undefined;
        const person = user?.email ? await deps.people.byEmail(user.email) : undefined;
        if (person) {
            const mention = personMention(person.userId, person.name ?? user?.name);
            return textMessage(t.handoff(mention.text), [mention]);
        }
        if (user?.name) return textMessage(t.handoff(inlineText(user.name)));
    } catch (err) {
        deps.logger.warn({ err: (err as Error).message }, 'whatsapp: could not find the responsible salesperson for a handoff');
    }
    return textMessage(t.handoff(null));
}
