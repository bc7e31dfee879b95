import type { HelpdeskSource } from '../texts/locales';

/**
 * A customer conversation as Deskbridge shows it, whatever system it came from. Cards are
 * built from this, never from a vendor payload.
 */
export interface ConversationSnapshot {
    source: HelpdeskSource;
    id: string;
    url: string;
    customer: { name: string | null; email: string | null };
    subject: string;
    state: 'open' | 'closed' | 'snoozed' | string;
    snoozedUntil: number | null;
    adminAssigneeId: string | null;
    teamAssigneeId: string | null;
    /** Names from the helpdesk's directory (Intercom admins and teams, Zendesk users and groups), when it could be read. */
    adminAssigneeName?: string | null;
    teamAssigneeName?: string | null;
    priority: boolean;
    tags: string[];
    fin: { participated: boolean; resolutionState: string | null };
    createdAt: number;
    waitingSince: number | null;
    /** The last action taken from Teams ("Closed in Intercom by Ana"), kept across refreshes. */
    lastAction?: string | null;
    /** The customer's plan or tier (Intercom contact attribute, Zendesk user or organization field), for routing. */
    tier?: string | null;
    /** The customer's satisfaction rating, when the helpdesk reports one. */
    rating?: SatisfactionRating | null;
    /**
     * The adapter's mark of the newest message already mirrored (Zendesk: the highest comment id),
     * so a notification posts only what is new whatever the event carried.
     */
    cursor?: string | null;
}

/** A customer's rating of the conversation, normalised: `good`/`bad` (Zendesk) or 1–5 (Intercom). */
export interface SatisfactionRating {
    score: 'good' | 'bad' | 1 | 2 | 3 | 4 | 5;
    comment: string | null;
    at: number;
}

/** Whether a rating counts as satisfied for the day's CSAT (Zendesk "good", Intercom 4–5 stars). */
export const isSatisfied = (r: SatisfactionRating): boolean => r.score === 'good' || (typeof r.score === 'number' && r.score >= 4);

/** Who wrote a message in the conversation. */
export type PartKind = 'customer' | 'admin' | 'note' | 'fin' | 'bot';

/** One message of the conversation to mirror into the thread. */
export interface ConversationMessage {
    id: string;
    /** The helpdesk it was written in (Intercom when absent: messages queued before Zendesk existed). */
    source?: HelpdeskSource;
    kind: PartKind;
    authorName: string;
    text: string;
    attachments: Array<{ name: string; url: string }>;
    createdAt: number;
}

/** A stored snapshot read back from the database, checked enough to build a card from it. */
export function asSnapshot(value: unknown): ConversationSnapshot | undefined {
    const v = value as Partial<ConversationSnapshot> | undefined;
    return v && typeof v.id === 'string' && typeof v.source === 'string' && typeof v.url === 'string' && v.customer !== undefined ? (v as ConversationSnapshot) : undefined;
}
