import { z } from 'zod/v4';
import type { NewJob } from '../outbox/job-store';
import { jobType } from '../outbox/job-type';
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

/** The longest reply or note accepted from Teams (the card's box allows 5,000; a thread message more). */
const MAX_TEXT = 20_000;

const actionSchema = z.discriminatedUnion('type', [
    z.object({ type: z.literal('reply'), text: z.string().min(1).max(MAX_TEXT) }),
    z.object({ type: z.literal('note'), text: z.string().min(1).max(MAX_TEXT) }),
    z.object({ type: z.literal('assign_to_me') }),
    z.object({ type: z.literal('close') }),
    z.object({ type: z.literal('reopen') }),
    z.object({ type: z.literal('snooze'), until: z.number().int().positive() })
]);

/** The payload of an agent action job. */
export const agentActionPayload = z.object({
    conversationId: z.string().min(1),
    threadKey: z.string().min(1),
    action: actionSchema,
    agent: z.object({
        id: z.string(),
        name: z.string(),
        email: z.string().nullable(),
        locale: z.string().optional(),
        timeZone: z.string().optional(),
        intercomAdminId: z.string().nullable().optional(),
        zendeskUserId: z.string().nullable().optional(),
        kommoUserId: z.string().nullable().optional()
    }),
    /** Set when the action came from a card button, whose card shows it as pending. */
    fromCard: z.boolean().optional(),
    /** The Teams activity id: a redelivered Teams message acts once. */
    requestId: z.string().optional()
});

const actionTypes = new Map<string, ReturnType<typeof defineAgentAction>>();
const defineAgentAction = (source: string) =>
    jobType({
        kind: agentActionKind(source),
        peer: source,
        payload: agentActionPayload,
        // After every mirror job queued before it, so the webhook echoing it finds the created part recorded.
        orderingKey: (p) => `thread:${p.threadKey}`,
        dedupeKey: (p) => (p.requestId ? `act:${p.threadKey}:${p.requestId}` : undefined)
    });

/** The job kind of agent actions in one helpdesk (`intercom.act`, `zendesk.act`). */
export function agentActionType(source: string): ReturnType<typeof defineAgentAction> {
    let type = actionTypes.get(source);
    if (!type) actionTypes.set(source, (type = defineAgentAction(source)));
    return type;
}

/** The job of one agent action, on the conversation's thread key. */
export function agentActionJob(input: { source: string; conversationId: string; threadKey: string; action: AgentAction; agent: Agent; requestId: string; fromCard?: boolean }): NewJob {
    const { source, ...payload } = input;
    return agentActionType(source).create({ ...payload, fromCard: input.fromCard ?? false });
}
