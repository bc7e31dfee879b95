import type { ThreadCard, ThreadMessage, ThreadPoster } from '../domain/thread-post';
import { singleLine } from '../lib/markdown';
import type { ConversationCardTexts, LeadCardTexts, ThreadMessageTexts, WhatsAppCardTexts } from '../texts/card-texts';
import { cardAttachment } from './cards/adaptive-card';
import { conversationCard } from './cards/conversation-card';
import { leadCard } from './cards/lead-card';
import { whatsappCard } from './cards/whatsapp-card';
import { replyJob, startThreadJob, updateRootJob, type OutboundActivity } from './jobs/teams-send-jobs';
import { conversationMessageActivity } from './messages/conversation-message';

/** The Teams side of {@link ThreadPoster}: renders cards and messages as activities now, and queues the send jobs. */
export class TeamsThreadPoster implements ThreadPoster {
    /** The texts of the cards (the default locale: a root card is seen by the whole channel). */
    constructor(private readonly texts: { conversation: ConversationCardTexts; whatsappCard: WhatsAppCardTexts; leadCard: LeadCardTexts; messages: ThreadMessageTexts }) {}

    /** The activity that shows a root card (also for a card answered in a turn). */
    cardActivity(card: ThreadCard): OutboundActivity {
        switch (card.kind) {
            case 'conversation':
                return { attachments: [cardAttachment(conversationCard(card.snapshot, this.texts.conversation, { notice: card.notice }))], summary: singleLine(card.snapshot.subject, 100) };
            case 'whatsapp':
                return { attachments: [cardAttachment(this.card(card))], summary: singleLine(card.contact.name ?? card.contact.contactId, 100) };
            case 'lead':
                return { attachments: [cardAttachment(leadCard(card.lead, this.texts.leadCard, { kommoUrl: card.kommoUrl }))], summary: singleLine(`${this.texts.leadCard.temperature[card.lead.status]} · ${card.lead.name}`, 100) };
        }
    }

    /** The Adaptive Card of a WhatsApp contact, for a card action's answer. */
    card(card: Extract<ThreadCard, { kind: 'whatsapp' }>) {
        return whatsappCard(card.contact, this.texts.whatsappCard, card.leadUrl, card.aiConnected);
    }

    /** The activity of a message. */
    messageActivity(message: ThreadMessage): OutboundActivity {
        if (message.kind === 'conversation-message') return conversationMessageActivity(message.message, this.texts.messages);
        const activity: OutboundActivity = { text: message.text, textFormat: message.format ?? 'markdown' };
        if (message.mentions && message.mentions.length > 0) {
            activity.entities = message.mentions.map((m) => ({ type: 'mention', text: m.text, mentioned: { id: m.userId, name: m.name } }));
        }
        return activity;
    }

    start(threadKey: string, target: Parameters<ThreadPoster['start']>[1], root: ThreadCard | ThreadMessage, dedupeKey?: string) {
        const activity = isCard(root) ? this.cardActivity(root) : this.messageActivity(root);
        return startThreadJob({ threadKey, ...target, activity }, dedupeKey);
    }

    reply(threadKey: string, message: ThreadMessage, dedupeKey?: string) {
        return replyJob(threadKey, this.messageActivity(message), dedupeKey);
    }

    updateRoot(threadKey: string, card: ThreadCard, dedupeKey?: string) {
        return updateRootJob(threadKey, this.cardActivity(card), dedupeKey);
    }
}

function isCard(post: ThreadCard | ThreadMessage): post is ThreadCard {
    return post.kind === 'conversation' || post.kind === 'whatsapp' || post.kind === 'lead';
}
