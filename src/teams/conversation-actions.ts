import type { TurnContext } from 'botbuilder';
import { splitThreadKey } from '../domain/thread-key';
import { agentActionJob, type Agent, type AgentAction } from '../domain/agent-action';
import type { NewJob } from '../outbox/job-store';
import type { TeamsPeopleRepo } from '../store/teams-people-repo';
import type { IdentityLinksRepo } from '../store/identity-links-repo';
import type { ThreadsRepo } from '../store/threads-repo';
import { agentOf, type AgentLookups } from './agent-of';

/** What the conversation handlers need: where threads are, and the outbox. */
export interface ConversationActionDeps {
    threads: ThreadsRepo;
    enqueue: (jobs: readonly NewJob[]) => Promise<unknown>;
    /** Whether each source can be acted on (its API is configured). */
    connected: (source: string) => boolean;
    people?: TeamsPeopleRepo;
    identities?: IdentityLinksRepo;
    emailOf?: AgentLookups['emailOf'];
}

/** The thread key of the conversation an activity is in (a thread reply or a card action). */
export async function threadKeyOfActivity(context: TurnContext, threads: ThreadsRepo): Promise<string | undefined> {
    const conversationId = context.activity.conversation?.id;
    if (!conversationId) return undefined;
    return threads.keyOfActivity(conversationId, context.activity.replyToId);
}

/**
 * Queues an agent's action on the conversation of a thread and wakes the worker; the job
 * acknowledges in the thread. Returns the agent (for an immediate answer).
 */
export async function requestAction(context: TurnContext, deps: ConversationActionDeps, threadKey: string, action: AgentAction, fromCard = false): Promise<Agent> {
    const agent = await agentOf(context, { people: deps.people, identities: deps.identities, emailOf: deps.emailOf });
    const { source, id: conversationId } = splitThreadKey(threadKey);
    const requestId = context.activity.id ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
    await deps.enqueue([agentActionJob({ source, conversationId, threadKey, action, agent, requestId, fromCard })]);
    return agent;
}
