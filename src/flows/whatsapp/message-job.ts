import type { Kysely } from 'kysely';
import { z } from 'zod/v4';
import type { Locale } from '../../config';
import { aiStateLine, setAiState } from '../../domain/ai-pause';
import { aiActive, whatsappThreadKey, type WhatsAppContact } from '../../domain/whatsapp-contact';
import type { ConversationActivity } from '../../domain/conversation-activity';
import type { WhatsAppThreads } from '../../domain/whatsapp-jobs';
import type { Logger } from '../../lib/logger';
import { DeliveryError } from '../../lib/delivery-error';
import type { JobHandler } from '../../outbox/job-handler';
import { jobType } from '../../outbox/job-type';
import type { NewJob } from '../../outbox/job-store';
import type { Database } from '../../store/schema';
import type { SentPartsRepo } from '../../store/sent-parts-repo';
import type { WhatsAppContactsRepo } from '../../store/whatsapp-contacts-repo';
import { inlineText, linkifyPlainText, markdownLink, quoteMarkdown } from '../../lib/markdown';
import { whatsappTexts } from '../../texts/whatsapp-texts';
import { n8nForwardJob } from './forward-job';
import type { KommoClient } from '../../integrations/kommo/client';
import { echoKey, isSentByDeskbridge } from '../../integrations/kommo/echo';
import type { KommoSendsRepo } from '../../store/kommo-sends-repo';
import { kommoMessageSchema, leadOfMessage, type KommoMessage } from '../../integrations/kommo/schemas';
import { kommoNoteJob } from '../../integrations/kommo/jobs';

/** The job of one stored `message[add]` delivery, on the contact's thread key. */
export const KOMMO_MESSAGE = jobType({
    kind: 'kommo.message',
    peer: 'deskbridge',
    // `contactId` only orders the job (jobs queued before it existed have none).
    payload: z.object({ eventId: z.string().min(1), contactId: z.string().optional() }),
    // No dedupe key: queued only with its delivery's inbox row (see JobTypeSpec.dedupeKey).
    orderingKey: (p) => `thread:${whatsappThreadKey(p.contactId ?? '')}`
});
export const KOMMO_MESSAGE_JOB = KOMMO_MESSAGE.kind;

export const kommoMessageJob = (contactId: string, eventId: string): NewJob => KOMMO_MESSAGE.create({ eventId, contactId });

export interface KommoMessageDeps {
    db: Kysely<Database>;
    contacts: WhatsAppContactsRepo;
    sentParts: SentPartsRepo;
    threads: WhatsAppThreads;
    logger: Logger;
    kommo?: KommoClient;
    /** Forward customer messages to the AI (N8N_WEBHOOK_URL set). */
    aiConfigured: boolean;
    pauseOnHumanReply: boolean;
    autoResumeMinutes: number;
    defaultLocale: Locale;
    activity?: ConversationActivity;
    /** Marks a Salesbot send as run when its message comes back. */
    kommoSends?: KommoSendsRepo;
}

/** Salesperson commands typed in the WhatsApp chat (whole first word, any case). */
const CHAT_COMMANDS: Record<string, 'pause' | 'resume' | 'status' | 'help'> = {
    '#pausar': 'pause',
    '#pause': 'pause',
    '#voltar': 'resume',
    '#resume': 'resume',
    '#status': 'status',
    '#help': 'help',
    '#ajuda': 'help'
};

/** A message's text plus its attachment as a link. */
/** The message as safe Markdown for its thread: the text escaped, the attachment a checked link. */
function displayText(m: KommoMessage): string {
    const file = m.attachment?.link ? `📎 ${markdownLink(m.attachment.file_name ?? m.attachment.type ?? 'attachment', m.attachment.link)}` : '';
    return [linkifyPlainText(m.text.trim()), file].filter(Boolean).join('\n\n');
}

/**
 * `kommo.message`: a WhatsApp message seen by Kommo. A customer's message goes to the contact's
 * Teams thread and, while the AI is active, to the AI. A salesperson's `#` command runs for the
 * contact (answered with a note on the lead); any other text of theirs is mirrored in Teams and,
 * by default, pauses the AI (a human took over). What the Salesbot sent for Deskbridge is skipped.
 */
export function kommoMessageHandler(deps: KommoMessageDeps): JobHandler {
    const { db, contacts, threads } = deps;
    const t = threads.texts;
    const chatTexts = whatsappTexts(undefined, deps.defaultLocale);

    const incoming = async (m: KommoMessage, eventId: string, contact: WhatsAppContact): Promise<NewJob[]> => {
        let current = await enrich(deps, contact);
        const jobs: NewJob[] = [];
        let active = aiActive(current, Date.now(), deps.autoResumeMinutes);
        if (active && current.ai.paused) {
            const resumed = await setAiState(contacts, threads, current.contactId, { paused: false, by: 'Deskbridge', via: 'auto' });
            current = resumed.contact;
            jobs.push(...resumed.jobs);
        }
        active = !current.ai.paused;
        const text = displayText(m);
        // A chat on a contact with no lead (Kommo's element_type=1) cannot be sent to: Kommo sends
        // through a lead's Salesbot. Said in the thread, and the AI is not asked for an answer it cannot send.
        const answerable = current.leadId !== null;
        const hint = !answerable ? t.noLeadHint : active || !deps.aiConfigured ? '' : t.aiPausedHint;
        const body = [t.customerWrote(inlineText(m.author?.name ?? current.name) || 'Customer'), quoteMarkdown(text || '…'), hint].filter(Boolean).join('\n\n');
        jobs.unshift(threads.start(current));
        jobs.push(threads.notice(current.contactId, body, `kommo-msg:${eventId}`), threads.refresh(current, `card:kommo:${current.contactId}:${eventId}`));
        if (deps.activity) jobs.push(...(await deps.activity.customerWrote(whatsappThreadKey(current.contactId), Date.now())));
        if (answerable && active && deps.aiConfigured && m.text.trim()) {
            jobs.push(n8nForwardJob({ messageId: m.id, contactId: current.contactId, leadId: current.leadId, talkId: m.talk_id ?? null, chatId: m.chat_id ?? null, text: m.text.trim(), sentAt: (m.created_at ?? Date.now() / 1000) * 1000 }));
        }
        return jobs;
    };

    const outgoing = async (m: KommoMessage, eventId: string, contact: WhatsAppContact): Promise<NewJob[]> => {
        if (await isSentByDeskbridge(deps.sentParts, contact.contactId, m.text)) {
            // The Salesbot's own message: Kommo ran it, the lead's reply field is free for the next send.
            await deps.kommoSends?.confirm(echoKey(contact.contactId, m.text));
            return [];
        }
        if (m.author?.type !== 'user') return [];
        const by = m.author.name ?? 'Salesperson';
        const command = CHAT_COMMANDS[(m.text.trim().split(/\s+/)[0] ?? '').toLowerCase()];
        if (command) return chatCommand(command, by, eventId, contact);
        await contacts.markHuman(contact.contactId);
        await deps.activity?.humanAnswered(whatsappThreadKey(contact.contactId));
        const jobs: NewJob[] = [threads.start(contact), threads.notice(contact.contactId, `${t.human(inlineText(by))}\n\n${displayText(m) || '…'}`, `kommo-msg:${eventId}`)];
        if (deps.pauseOnHumanReply) jobs.push(...(await setAiState(contacts, threads, contact.contactId, { paused: true, by, via: 'whatsapp' })).jobs);
        return jobs;
    };

    const chatCommand = async (command: 'pause' | 'resume' | 'status' | 'help', by: string, eventId: string, contact: WhatsAppContact): Promise<NewJob[]> => {
        const jobs: NewJob[] = [];
        let answer: string;
        if (command === 'pause' || command === 'resume') {
            const result = await setAiState(contacts, threads, contact.contactId, { paused: command === 'pause', by, via: 'whatsapp' });
            jobs.push(...result.jobs);
            answer = result.changed ? aiStateLine(threads, result.contact) : command === 'pause' ? chatTexts.alreadyPaused : chatTexts.alreadyActive;
        } else {
            answer = command === 'status' ? aiStateLine(threads, contact) : chatTexts.chatHelp;
        }
        // The answer is a note on the lead: the salesperson sees it in the chat, the customer does not.
        if (deps.kommo && contact.leadId) jobs.push(kommoNoteJob({ contactId: contact.contactId, leadId: contact.leadId, text: `Deskbridge: ${answer}` }, `chat-answer:${eventId}`));
        return jobs;
    };

    return KOMMO_MESSAGE.handler({
        async run({ eventId }, context) {
            const row = await db.selectFrom('inbox').select('payload').where('source', '=', 'kommo').where('event_id', '=', eventId).executeTakeFirst();
            if (!row?.payload) throw new DeliveryError(`delivery ${eventId} is not in the inbox (or past its retention)`, false, { peer: 'deskbridge' });
            const m = kommoMessageSchema.parse(JSON.parse(row.payload));
            if (!m.contact_id) throw new DeliveryError(`delivery ${eventId} names no contact`, false, { peer: 'deskbridge' });
            const contact = await contacts.upsert({
                contactId: m.contact_id,
                leadId: leadOfMessage(m),
                chatId: m.chat_id,
                talkId: m.talk_id,
                origin: m.origin,
                name: m.type === 'incoming' ? m.author?.name : undefined,
                lastMessage: m.text.trim() || undefined,
                lastMessageAt: m.created_at ? m.created_at * 1000 : Date.now()
            });
            await context.enqueue(m.type === 'incoming' ? await incoming(m, eventId, contact) : await outgoing(m, eventId, contact));
        }
    });
}

/** Fills the phone (and name) of a new contact from Kommo; a failure only leaves them empty. */
async function enrich(deps: KommoMessageDeps, contact: WhatsAppContact): Promise<WhatsAppContact> {
    if (contact.phone || !deps.kommo) return contact;
    try {
        const details = await deps.kommo.getContact(contact.contactId);
        return await deps.contacts.upsert({ contactId: contact.contactId, phone: details.phone, name: contact.name ? undefined : details.name });
    } catch (err) {
        deps.logger.warn({ err: (err as Error).message, contactId: contact.contactId }, 'kommo: could not read the contact; the card shows no phone');
        return contact;
    }
}
