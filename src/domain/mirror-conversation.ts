import type { NewJob } from '../outbox/job-store';
import { cardAttachment } from '../teams/cards/adaptive-card';
import { conversationCard } from '../teams/cards/conversation-card';
import { replyJob, startThreadJob, updateRootJob } from '../teams/jobs/teams-send-jobs';
import { conversationMessageActivity } from '../teams/messages/conversation-message';
import type { ConversationMessage, ConversationSnapshot } from './conversation';

/** The thread key of a customer conversation. */
export const threadKeyOf = (c: Pick<ConversationSnapshot, 'source' | 'id'>): string => `${c.source}:${c.id}`;

/**
 * The Teams effects of one conversation event, in order on the conversation's key: the thread
 * (created once, with the card at its root), each new message as a reply, and the card brought
 * up to date. Dedupe keys make a redelivered or repeated part post once.
 */
export function mirrorConversationJobs(snapshot: ConversationSnapshot, messages: readonly ConversationMessage[], eventId: string, options: { refreshCard: boolean }): NewJob[] {
    const key = threadKeyOf(snapshot);
    const card = { attachments: [cardAttachment(conversationCard(snapshot))], summary: snapshot.subject.slice(0, 100) };
    return [
        startThreadJob({ threadKey: key, stream: snapshot.source, activity: card }, `start:${key}`),
        ...messages.map((m) => replyJob(key, conversationMessageActivity(m), `message:${key}:${m.id}`)),
        // A new thread starts with the current card; later events refresh it.
        ...(options.refreshCard ? [updateRootJob(key, card, `card:${key}:${eventId}`)] : [])
    ];
}
