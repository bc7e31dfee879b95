import type { NewJob } from '../outbox/job-store';
import { cardAttachment } from '../teams/cards/adaptive-card';
import { conversationCard } from '../teams/cards/conversation-card';
import { replyJob, startThreadJob, updateRootJob, type OutboundActivity } from '../teams/jobs/teams-send-jobs';
import { conversationMessageActivity } from '../teams/messages/conversation-message';
import type { ConversationMessage, ConversationSnapshot } from './conversation';
import { singleLine } from '../lib/markdown';

/** The thread key of a customer conversation. */
export const threadKeyOf = (c: Pick<ConversationSnapshot, 'source' | 'id'>): string => `${c.source}:${c.id}`;

/** Where a new thread goes: the stream's bound channel, or a channel a routing rule picked. */
export type ThreadDestination = { stream: 'intercom' } | { teamId: string; channelId: string };

/** The root post of a conversation thread: its card. */
export function conversationCardActivity(snapshot: ConversationSnapshot, notice?: string): OutboundActivity {
    return { attachments: [cardAttachment(conversationCard(snapshot, { notice }))], summary: singleLine(snapshot.subject, 100) };
}

/** Brings the root card of a conversation's thread up to date. */
export function refreshCardJob(snapshot: ConversationSnapshot, dedupeKey: string): NewJob {
    return updateRootJob(threadKeyOf(snapshot), conversationCardActivity(snapshot), dedupeKey);
}

/**
 * The Teams effects of one conversation event, in order on the conversation's key: the thread
 * (created once, with the card at its root), each new message as a reply, and the card brought
 * up to date. Dedupe keys make a redelivered or repeated part post once.
 */
export function mirrorConversationJobs(
    snapshot: ConversationSnapshot,
    messages: readonly ConversationMessage[],
    eventId: string,
    options: { refreshCard: boolean; destination?: ThreadDestination }
): NewJob[] {
    const key = threadKeyOf(snapshot);
    const destination = options.destination ?? { stream: snapshot.source };
    return [
        startThreadJob({ threadKey: key, ...destination, activity: conversationCardActivity(snapshot) }, `start:${key}`),
        ...messages.map((m) => replyJob(key, conversationMessageActivity(m), `message:${key}:${m.id}`)),
        // A new thread starts with the current card; later events refresh it.
        ...(options.refreshCard ? [refreshCardJob(snapshot, `card:${key}:${eventId}`)] : [])
    ];
}
