/** Conversation topics Deskbridge mirrors into Teams; anything else is acknowledged and ignored. */
export const CONVERSATION_TOPICS = [
    'conversation.user.created',
    'conversation.user.replied',
    'conversation.admin.replied',
    'conversation.admin.noted',
    'conversation.admin.assigned',
    'conversation.admin.open.assigned',
    'conversation.admin.closed',
    'conversation.admin.opened',
    'conversation.admin.snoozed',
    'conversation.admin.unsnoozed',
    'conversation.operator.replied',
    'conversation.priority.updated',
    'conversation_part.tag.created'
] as const;

export type ConversationTopic = (typeof CONVERSATION_TOPICS)[number];

export const isConversationTopic = (topic: string): topic is ConversationTopic => (CONVERSATION_TOPICS as readonly string[]).includes(topic);

/** Ticket topics: a note in the thread of the conversation the ticket belongs to. */
export const TICKET_TOPICS = ['ticket.created'] as const;

export const isTicketTopic = (topic: string): boolean => (TICKET_TOPICS as readonly string[]).includes(topic);

/** Intercom's delivery check: recorded as "last seen", nothing else. */
export const isPing = (topic: string): boolean => topic === 'ping';

/**
 * The topic of a conversation stored by `@Deskbridge sync` (never accepted from a webhook): it
 * starts a thread for a conversation not seen yet, or refreshes its card.
 */
export const SYNC_TOPIC = 'deskbridge.sync';
