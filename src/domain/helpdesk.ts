import type { NewJob } from '../outbox/job-store';
import type { Agent, AgentAction } from './agent-action';
import type { ConversationMessage, ConversationSnapshot } from './conversation';
import { HELPDESK_SOURCES, type HelpdeskSource } from '../texts/locales';

export { HELPDESK_SOURCES, type HelpdeskSource };

/** Whether a thread key's source is a helpdesk (its thread is a support conversation). */
export const isHelpdesk = (source: string): source is HelpdeskSource => (HELPDESK_SOURCES as readonly string[]).includes(source);

/** A person of the helpdesk who can act on conversations (Intercom admin, Zendesk agent). */
export interface HelpdeskAgent {
    id: string;
    name: string | null;
    email: string | null;
}

/** Who performs an agent's action in the helpdesk. */
export interface Actor {
    agentId: string;
    agentName: string;
    /** The agent's email in the helpdesk, when matched by email (Zendesk acts as that user). */
    email: string | null;
    /** Acting as the shared default author on behalf of the agent: replies are signed. */
    onBehalf: boolean;
}

/** What the helpdesk answered to an action. */
export interface ActOutcome {
    /** The conversation as it is after the action. */
    snapshot: ConversationSnapshot;
    /** Ids of the messages the action created, so their webhooks are not mirrored back. */
    createdIds: string[];
}

/** A conversation read from the helpdesk, with the messages not mirrored yet (the opening one first when new). */
export interface ConversationRead {
    snapshot: ConversationSnapshot;
    messages: ConversationMessage[];
}

/**
 * The contract every helpdesk implements for the support flow (src/flows/support/), a port like
 * the thread poster: the flow
 * owns threads, cards, echo suppression, routing and SLA; the adapter only speaks its vendor's
 * API. Errors are {@link DeliveryError}s, retryable or not.
 */
export interface HelpdeskAdapter {
    source: HelpdeskSource;
    /**
     * Reads a conversation as it is now, with the messages not mirrored yet given the stored
     * snapshot (all of them, the opening one first, when there is none); `tier` asks for the
     * customer's tier too. Undefined when the helpdesk no longer has it.
     */
    fetch(conversationId: string, previous: ConversationSnapshot | undefined, want: { tier: boolean }): Promise<ConversationRead | undefined>;
    /** The conversation in the helpdesk's own UI. */
    conversationUrl(conversationId: string): string;
    /** The helpdesk person with this email, if any. Throws when the helpdesk cannot be asked. */
    agentByEmail(email: string): Promise<HelpdeskAgent | undefined>;
    agentById(id: string): Promise<HelpdeskAgent | undefined>;
    /** The shared author of replies for agents the helpdesk does not know (signed with their name). */
    defaultAgentId?: string;
    /** An admin's identity link for this helpdesk (`@Deskbridge link`), which wins over the email match. */
    linkedAgentId(agent: Agent): string | null | undefined;
    /** Performs the action as `actor`; reply and note texts already carry the signature when needed. */
    act(conversationId: string, action: AgentAction, actor: Actor): Promise<ActOutcome>;
    /** Whether a failure means the conversation no longer exists in the helpdesk. */
    isGone(err: unknown): boolean;
    /** Fills the assignee and team names of a snapshot (ids stay when the directory cannot be read). */
    describe(snapshot: ConversationSnapshot): Promise<void>;
    /** Raises the conversation's priority and adds a tag (a keyword category); returns what the helpdesk could set. */
    categorize(conversationId: string, category: { tag: string; priority: boolean }): Promise<{ tagged: boolean; prioritized: boolean }>;
    /** What *Snooze* does: until a time (Intercom), or status pending until the customer answers (Zendesk). */
    snooze: 'until' | 'pending';
    /** Milliseconds until the helpdesk's rate limit admits a request again. */
    readyIn(): number;
}

/**
 * What a helpdesk event means for its thread: `created` (a new conversation: its opening message),
 * `message` (only new messages, the card stays), `changed` (the card shows something new),
 * `sync` (a backfill: a new thread gets its opening message, a known one a fresh card).
 */
export type MirrorKind = 'created' | 'message' | 'changed' | 'sync';

/** One helpdesk event to mirror into Teams. */
export interface MirrorEvent {
    source: HelpdeskSource;
    conversationId: string;
    eventId: string;
    kind: MirrorKind;
    /**
     * Reads the conversation as it is now, with the messages not mirrored yet, given the stored
     * snapshot; `tier` asks for the customer's tier too (a routing rule needs it).
     */
    read(previous: ConversationSnapshot | undefined, want: { tier: boolean }): Promise<ConversationRead>;
}

/**
 * Queues the Teams jobs of one helpdesk event with `enqueue`, then stores the conversation's new
 * snapshot — in that order, so a crash between the two repeats the event (its jobs' dedupe keys
 * make that harmless) rather than losing messages the snapshot's cursor already counts as posted.
 */
export type SupportMirror = (event: MirrorEvent, enqueue: (jobs: readonly NewJob[]) => Promise<void>) => Promise<void>;
