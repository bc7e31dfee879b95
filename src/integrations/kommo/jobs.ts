import { z } from 'zod/v4';
import type { WhatsAppThreads } from '../../domain/whatsapp-jobs';
import type { ConversationActivity } from '../../domain/conversation-activity';
import { whatsappThreadKey } from '../../domain/whatsapp-contact';
import { DeliveryError } from '../../lib/delivery-error';
import type { JobHandler } from '../../outbox/job-handler';
import { jobType } from '../../outbox/job-type';
import type { NewJob } from '../../outbox/job-store';
import type { SentPartsRepo } from '../../store/sent-parts-repo';
import type { WhatsAppContactsRepo } from '../../store/whatsapp-contacts-repo';
import { KOMMO_JOB_LIMITS, type KommoClient } from './client';
import { echoKey, rememberSentText } from './echo';
import type { KommoSendsRepo } from '../../store/kommo-sends-repo';

export const KOMMO_SEND_JOB = 'kommo.send';
export const KOMMO_NOTE_JOB = 'kommo.note';

const sendPayload = z.object({
    contactId: z.string().min(1),
    leadId: z.string().nullable(),
    text: z.string().min(1),
    /** Posted in the Teams thread once Kommo accepted the send ("🤖 AI: …", "✓ Sent …"). */
    mirror: z.string().optional(),
    /** Who wrote it: a salesperson (ends the customer's wait) or the AI. */
    author: z.enum(['human', 'ai']).optional()
});
const notePayload = z.object({ contactId: z.string().min(1), leadId: z.string().nullable(), text: z.string().min(1), ack: z.string().optional() });

/**
 * WhatsApp text to a contact through the Salesbot. Sends to one contact keep their order on a key
 * of their own, so that Kommo being down does not hold up the contact's Teams thread.
 */
export const KOMMO_SEND = jobType({ kind: KOMMO_SEND_JOB, peer: 'kommo', payload: sendPayload, orderingKey: (p) => `kommo:${p.contactId}` });

/** A note on the contact's lead (same key as the sends). */
export const KOMMO_NOTE = jobType({ kind: KOMMO_NOTE_JOB, peer: 'kommo', payload: notePayload, orderingKey: (p) => `kommo:${p.contactId}` });

export const kommoSendJob = (payload: z.input<typeof sendPayload>, dedupeKey?: string): NewJob => KOMMO_SEND.create(payload, { dedupeKey });
export const kommoNoteJob = (payload: z.input<typeof notePayload>, dedupeKey?: string): NewJob => KOMMO_NOTE.create(payload, { dedupeKey });

export interface KommoSendDeps {
    /** Absent when Kommo is not configured: the jobs fail with a message that says so. */
    client?: KommoClient;
    contacts: WhatsAppContactsRepo;
    sentParts: SentPartsRepo;
    threads: WhatsAppThreads;
    salesbot?: { botId: string; fieldId: string };
    activity?: ConversationActivity;
    /** Each lead's last send, and how long a next send waits for its echo (`KOMMO_SEND_GAP_MS`). */
    sends: KommoSendsRepo;
    sendGapMs: number;
}

const bucket = [{ key: 'kommo', limits: KOMMO_JOB_LIMITS }];

/** The lead to act through: the job's, else the contact's latest. */
async function leadOf(contacts: WhatsAppContactsRepo, contactId: string, leadId: string | null): Promise<string> {
    const lead = leadId ?? (await contacts.get(contactId))?.leadId ?? null;
    if (!lead) throw new DeliveryError(`contact ${contactId} has no Kommo lead to write through`, false, { peer: 'kommo' });
    return lead;
}

/** Handlers of `kommo.send` and `kommo.note`; a final failure is said in the contact's thread. */
export function kommoSendHandlers(deps: KommoSendDeps): JobHandler[] {
    const { contacts, sentParts, threads } = deps;
    const t = threads.texts;
    const clientOrFail = (): KommoClient => {
        if (!deps.client) throw new DeliveryError('Kommo is not connected: set KOMMO_BASE_URL and KOMMO_ACCESS_TOKEN', false, { peer: 'kommo' });
        return deps.client;
    };
    return [
        KOMMO_SEND.handler({
            rateBuckets: () => bucket,
            // Two sends to one lead: the second waits until Kommo ran the first Salesbot (see KommoSendsRepo).
            readyIn: async (p) => {
                const lead = p.leadId ?? (await contacts.get(p.contactId))?.leadId ?? null;
                const wait = lead ? await deps.sends.waitBeforeNext(lead, deps.sendGapMs) : 0;
                // Looked at again every 200 ms: the echo usually arrives within a second or two.
                return Math.min(wait, 200);
            },
            async run(p, context) {
                const client = clientOrFail();
                if (!deps.salesbot) throw new DeliveryError('KOMMO_SALESBOT_ID and KOMMO_REPLY_FIELD_ID are not set: Deskbridge cannot send WhatsApp messages', false, { peer: 'kommo' });
                const leadId = await leadOf(contacts, p.contactId, p.leadId);
                // Remembered first: the webhook of this very message may arrive before Kommo answers.
                await rememberSentText(sentParts, p.contactId, p.text);
                await client.sendViaSalesbot(leadId, p.text, deps.salesbot);
                await deps.sends.recordSend(leadId, echoKey(p.contactId, p.text));
                if (p.author === 'human') await deps.activity?.humanAnswered(whatsappThreadKey(p.contactId));
                if (p.author === 'ai') await deps.activity?.aiAnswered(whatsappThreadKey(p.contactId));
                if (p.mirror) await context.enqueue([threads.notice(p.contactId, p.mirror, `sent:${context.jobId}`)]);
            },
            onDead: (p, reason) => [threads.notice(p.contactId, t.notSent(reason))]
        }),
        KOMMO_NOTE.handler({
            rateBuckets: () => bucket,
            async run(p, context) {
                await clientOrFail().addLeadNote(await leadOf(contacts, p.contactId, p.leadId), p.text);
                if (p.ack) await context.enqueue([threads.notice(p.contactId, p.ack, `noted:${context.jobId}`)]);
            },
            onDead: (p, reason) => [threads.notice(p.contactId, t.notSent(reason))]
        })
    ];
}

