/**
 * A customer conversation as Deskbridge shows it, whatever system it came from. Cards are
 * built from this, never from a vendor payload.
 */
export interface ConversationSnapshot {
    source: 'intercom';
    id: string;
    url: string;
    customer: { name: string | null; email: string | null };
    subject: string;
    state: 'open' | 'closed' | 'snoozed' | string;
    snoozedUntil: number | null;
    adminAssigneeId: string | null;
    teamAssigneeId: string | null;
    /** Names from the Intercom directory, when it could be read. */
    adminAssigneeName?: string | null;
    teamAssigneeName?: string | null;
    priority: boolean;
    tags: string[];
    fin: { participated: boolean; resolutionState: string | null };
    createdAt: number;
    waitingSince: number | null;
    /** The last action taken from Teams ("Closed in Intercom by Ana"), kept across refreshes. */
    lastAction?: string | null;
}

/** Who wrote a message in the conversation. */
export type PartKind = 'customer' | 'admin' | 'note' | 'fin' | 'bot';

/** One message of the conversation to mirror into the thread. */
export interface ConversationMessage {
    id: string;
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
