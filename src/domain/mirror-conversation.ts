import type { HelpdeskSource } from '../texts/locales';
import type { NewJob } from '../outbox/job-store';
import type { ConversationMessage, ConversationSnapshot } from './conversation';
import type { ThreadPoster } from './thread-post';

/** The thread key of a customer conversation. */
export const threadKeyOf = (c: Pick<ConversationSnapshot, 'source' | 'id'>): string => `${c.source}:${c.id}`;

/** Where a new thread goes: the stream's bound channel, or a channel a routing rule picked. */
export type ThreadDestination = { stream: HelpdeskSource } | { teamId: string; channelId: string };

/** Brings the root card of a conversation's thread up to date. */
export function refreshCardJob(poster: ThreadPoster, snapshot: ConversationSnapshot, dedupeKey: string): NewJob {
    return poster.updateRoot(threadKeyOf(snapshot), { kind: 'conversation', snapshot }, dedupeKey);
}

/**
 * The Teams effects of one conversation event, in order on the conversation's key: the thread
 * (created once, with the card at its root), each new message as a reply, and the card brought
 * up to date. Dedupe keys make a redelivered or repeated part post once.
 */
export function mirrorConversationJobs(
    poster: ThreadPoster,
    snapshot: ConversationSnapshot,
    messages: readonly ConversationMessage[],
    eventId: string,
    options: { refreshCard: boolean; destination?: ThreadDestination }
): NewJob[] {
    const key = threadKeyOf(snapshot);
    const destination = options.destination ?? { stream: snapshot.source };
    return [
        poster.start(key, destination, { kind: 'conversation', snapshot }, `start:${key}`),
        ...messages.map((m) => poster.reply(key, { kind: 'conversation-message', message: m }, `message:${key}:${m.id}`)),
        // A new thread starts with the current card; later events refresh it.
        ...(options.refreshCard ? [refreshCardJob(poster, snapshot, `card:${key}:${eventId}`)] : [])
    ];
}
