import type { NewJob } from '../outbox/job-store';
import type { AgentActionType as TextsActionType } from '../texts/locales';

/** What an agent asked Deskbridge to do in a customer conversation, from a thread or a card. */
export type AgentAction =
    | { type: 'reply'; text: string }
    | { type: 'note'; text: string }
    | { type: 'assign_to_me' }
    | { type: 'close' }
    | { type: 'reopen' }
    | { type: 'snooze'; until: number };

export type AgentActionType = AgentAction['type'];

// The texts label every action type, and no other (texts/locales.ts keeps its own list, a leaf).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const actionTypesMatchTexts: Same<AgentActionType, TextsActionType> = true;
void actionTypesMatchTexts;

/** The Teams user acting, as far as Teams told us. */
export interface Agent {
    /** AAD object id, else the Teams user id. */
    id: string;
    name: string;
    /** Email or UPN from the Teams roster; null when Teams did not give one. */
    email: string | null;
    /** Locale of the agent's Teams client, for the acknowledgements. */
    locale?: string;
    /** IANA time zone of the agent's Teams client (`localTimezone`). */
    timeZone?: string;
    /** An admin's override of the email match (`@Deskbridge link`). */
    intercomAdminId?: string | null;
    zendeskUserId?: string | null;
    kommoUserId?: string | null;
}

/** The job that performs an agent's action in the conversation's own system. */
export const agentActionKind = (source: string): string => `${source}.act`;

/**
 * The job of one agent action. It runs on the conversation's thread key, after every mirror job
 * queued before it, so the webhook echoing it finds the created part already recorded.
 * `requestId` (the Teams activity id) makes a redelivered Teams message act once.
 */
export function agentActionJob(input: { source: string; conversationId: string; threadKey: string; action: AgentAction; agent: Agent; requestId: string; fromCard?: boolean }): NewJob {
    return {
        kind: agentActionKind(input.source),
        payload: { conversationId: input.conversationId, threadKey: input.threadKey, action: input.action, agent: input.agent, fromCard: input.fromCard ?? false },
        orderingKey: `thread:${input.threadKey}`,
        dedupeKey: `act:${input.threadKey}:${input.requestId}`
    };
}
