import type { z } from 'zod/v4';
import { agentActionPayload, agentActionType, type AgentAction } from '../../domain/agent-action';
import { asSnapshot } from '../../domain/conversation';
import type { ConversationActivity } from '../../domain/conversation-activity';
import { refreshCardJob } from '../../domain/mirror-conversation';
import { restoreCardJob } from '../../domain/restore-card-job';
import { textMessage, type ThreadPoster } from '../../domain/thread-post';
import { DeliveryError } from '../../lib/delivery-error';
import { inlineText } from '../../lib/markdown';
import type { JobHandler } from '../../outbox/job-handler';
import type { ConversationSnapshotsRepo } from '../../store/conversation-snapshots-repo';
import type { SentPartsRepo } from '../../store/sent-parts-repo';
import { conversationTexts, type ConversationTexts } from '../../texts/conversation-texts';
import type { Locale } from '../../texts/locales';
import type { Actor, HelpdeskAdapter } from '../../domain/helpdesk';

type Payload = z.output<typeof agentActionPayload>;

/** Marks the reason of a failure on a conversation the helpdesk no longer has. */
const GONE = 'conversation no longer exists in the helpdesk';
/** Marks the reason of an agent the helpdesk does not know: the admin reads the setting, the agent what to ask for. */
const UNMAPPED = 'no helpdesk user for this agent';

export interface SupportActDeps {
    snapshots: ConversationSnapshotsRepo;
    sentParts: SentPartsRepo;
    defaultLocale: Locale;
    activity?: ConversationActivity;
    /** Posts in the conversation's thread. */
    poster: ThreadPoster;
}

/**
 * Performs an agent's action in the conversation's helpdesk (`<source>.act`): reply, note, assign
 * to the agent, close, reopen or snooze, as the agent's helpdesk user (an admin's link, else the
 * email match) or the shared default author, signing with the agent's name. On success it records
 * the created messages (so their webhooks are not mirrored back), refreshes the card from the
 * helpdesk's answer and acknowledges in the thread; on a final failure the thread says what failed
 * and why, and a card showing the action as pending is put back.
 */
export function supportActHandler(adapter: HelpdeskAdapter, deps: SupportActDeps): JobHandler {
    const { snapshots, sentParts } = deps;
    const textsOf = (p: Payload) => conversationTexts(p.agent.locale, deps.defaultLocale, adapter.source);

    const actorOf = async (p: Payload, t: ConversationTexts): Promise<Actor> => {
        const linked = adapter.linkedAgentId(p.agent);
        if (linked) {
            const person = await adapter.agentById(linked);
            return { agentId: linked, agentName: person?.name ?? p.agent.name, email: person?.email ?? null, onBehalf: false };
        }
        const person = p.agent.email ? await adapter.agentByEmail(p.agent.email) : undefined;
        if (person) return { agentId: person.id, agentName: person.name ?? p.agent.name, email: person.email, onBehalf: false };
        if (p.action.type === 'assign_to_me') throw new DeliveryError(t.cannotAssignUnmapped(p.agent.name, p.agent.email), false, { peer: adapter.source });
        if (!adapter.defaultAgentId) throw new DeliveryError(`${UNMAPPED}: ${t.unmapped(p.agent.name, p.agent.email)}`, false, { peer: adapter.source });
        const shared = await adapter.agentById(adapter.defaultAgentId);
        return { agentId: adapter.defaultAgentId, agentName: shared?.name ?? `#${adapter.defaultAgentId}`, email: null, onBehalf: true };
    };

    return agentActionType(adapter.source).handler({
        readyIn: () => adapter.readyIn(),
        async run(p, context) {
            const t = textsOf(p);
            const actor = await actorOf(p, t);
            const action = signed(p.action, actor, p.agent.name, t);
            let outcome;
            try {
                outcome = await adapter.act(p.conversationId, action, actor);
            } catch (err) {
                if (adapter.isGone(err)) throw new DeliveryError(`${GONE} (HTTP ${(err as DeliveryError).status ?? '?'})`, false, { status: (err as DeliveryError).status, peer: adapter.source });
                throw err;
            }
            if (outcome.createdIds.length > 0) await sentParts.record(adapter.source, p.conversationId, outcome.createdIds);
            if (p.action.type === 'reply') await deps.activity?.humanAnswered(p.threadKey);
            if (p.action.type === 'close') await deps.activity?.closed(p.threadKey);

            const ack = acknowledgement(p, actor, t, adapter.snooze);
            const previous = asSnapshot(await snapshots.get(p.threadKey));
            const snapshot = outcome.snapshot;
            if (previous) {
                snapshot.url = previous.url;
                snapshot.tier ??= previous.tier ?? null;
                snapshot.rating ??= previous.rating ?? null;
                snapshot.cursor = previous.cursor ?? null;
            }
            await adapter.describe(snapshot);
            snapshot.lastAction = ack;
            await snapshots.save(p.threadKey, snapshot);
            await context.enqueue([deps.poster.reply(p.threadKey, textMessage(ack), `ack:${context.jobId}`), refreshCardJob(deps.poster, snapshot, `card:${p.threadKey}:act:${context.jobId}`)]);
        },
        onDead(p, reason) {
            const t = textsOf(p);
            const label = t.label[p.action.type];
            const detail = reason.replace(/^(permanent|gave up after \d+ attempts): /, '');
            const agent = inlineText(p.agent.name);
            const text = detail.startsWith(GONE)
                ? t.gone(label, agent)
                : detail.startsWith(UNMAPPED)
                  ? t.failed(label, agent, t.unmappedAgent(agent, p.agent.email ? inlineText(p.agent.email) : null))
                  : t.failed(label, agent, t.cause(reason));
            return [deps.poster.reply(p.threadKey, textMessage(text)), ...(p.fromCard ? [restoreCardJob(p.threadKey)] : [])];
        }
    });
}

/** A reply or note sent as the shared author carries the agent's name. */
function signed(action: AgentAction, actor: Actor, agentName: string, t: ConversationTexts): AgentAction {
    if (!actor.onBehalf || (action.type !== 'reply' && action.type !== 'note')) return action;
    return { ...action, text: `${action.text}\n\n${t.signature(agentName)}` };
}

function acknowledgement(p: Payload, actor: Actor, t: ConversationTexts, snooze: HelpdeskAdapter['snooze']): string {
    switch (p.action.type) {
        case 'reply':
            return actor.onBehalf ? t.ackReplySigned(actor.agentName, p.agent.name) : t.ackReply(actor.agentName);
        case 'note':
            return t.ackNote(actor.agentName);
        case 'assign_to_me':
            return t.ackAssign(actor.agentName);
        case 'close':
            return t.ackClose(p.agent.name);
        case 'reopen':
            return t.ackReopen(p.agent.name);
        case 'snooze':
            return snooze === 'pending' ? t.ackPending(p.agent.name) : t.ackSnooze(p.agent.name, localTime(p.action.until, p.agent.timeZone, p.agent.locale));
    }
}

/** A time as the agent reads it: their zone and language. */
function localTime(ms: number, timeZone: string | undefined, locale: string | undefined): string {
    try {
        return new Intl.DateTimeFormat(locale ?? 'en', { timeZone: timeZone ?? 'UTC', dateStyle: 'medium', timeStyle: 'short', timeZoneName: 'short' }).format(new Date(ms));
    } catch {
        return new Date(ms).toISOString();
    }
}
