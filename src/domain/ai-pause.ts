import type { NewJob } from '../outbox/job-store';
import type { WhatsAppContactsRepo } from '../store/whatsapp-contacts-repo';
import type { WhatsAppThreads } from './whatsapp-jobs';
import type { PauseSource, WhatsAppContact } from './whatsapp-contact';
import { inlineText } from '../lib/markdown';

/**
 * Pauses or resumes the AI for one contact, recording who and from where, and returns the Teams
 * jobs that say so in the contact's thread and update its card (none when nothing changed).
 */
export async function setAiState(
    contacts: WhatsAppContactsRepo,
    threads: WhatsAppThreads,
    contactId: string,
    change: { paused: boolean; by: string; via: PauseSource }
): Promise<{ contact: WhatsAppContact; changed: boolean; jobs: NewJob[] }> {
    const { contact, changed } = await contacts.setPaused(contactId, change.paused, change.by, change.via);
    if (!changed) return { contact, changed, jobs: [] };
    const t = threads.texts;
    const line = change.paused ? t.paused(inlineText(change.by), t.via[change.via]) : t.resumed(inlineText(change.by), t.via[change.via]);
    return { contact, changed, jobs: [threads.start(contact), threads.notice(contactId, line), threads.refresh(contact)] };
}

/** A contact's AI state as one line (for `#status`, in Teams or in a Kommo note). */
export function aiStateLine(threads: WhatsAppThreads, contact: WhatsAppContact | undefined): string {
    const t = threads.texts;
    if (!threads.aiConnected) return t.aiOff;
    if (!contact || !contact.ai.paused) return t.state(true, null, null, null);
    const since = contact.ai.at ? new Date(contact.ai.at).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : null;
    return t.state(false, contact.ai.by === null ? null : inlineText(contact.ai.by), contact.ai.via ? t.via[contact.ai.via] : null, since);
}
