import { textMessage, type ThreadPoster } from '../../domain/thread-post';
import { z } from 'zod';
import type { Locale } from '../../config';
import { agentActionKind, type AgentAction } from '../../domain/agent-action';
import { asSnapshot } from '../../domain/conversation';
import type { ConversationActivity } from '../../domain/conversation-activity';
import { refreshCardJob } from '../../domain/mirror-conversation';
import { restoreCardJob } from '../../domain/restore-card-job';
import { DeliveryError } from '../../lib/delivery-error';
import { defineJobHandler, type JobHandler } from '../../outbox/job-handler';
import type { ConversationSnapshotsRepo } from '../../store/conversation-snapshots-repo';
import type { SentPartsRepo } from '../../store/sent-parts-repo';
import { conversationTexts, type ConversationTexts } from '../../texts/conversation-texts';
import type { ConversationAction, IntercomClient } from './client';
import type { IntercomDirectory } from './directory';
import { normalizeConversation } from './normalize';
import type { IntercomConversation } from './schemas';
import { textToIntercomHtml } from './text-to-html';
import { inlineText } from '../../lib/markdown';

const actionSchema = z.discriminatedUnion('type', [
    z.object({ type: z.literal('reply'), text: z.string().min(1).max(20_000) }),
    z.object({ type: z.literal('note'), text: z.string().min(1).max(20_000) }),
    z.object({ type: z.literal('assign_to_me') }),
    z.object({ type: z.literal('close') }),
    z.object({ type: z.literal('reopen') }),
    z.object({ type: z.literal('snooze'), until: z.number().int().positive() })
]);

const payloadSchema = z.object({
    conversationId: z.string().min(1),
    threadKey: z.string().min(1),
    action: actionSchema,
    agent: z.object({ id: z.string(), name: z.string(), email: z.string().nullable(), locale: z.string().optional(), timeZone: z.string().optional(), intercomAdminId: z.string().nullable().optional() }),
    /** Set when the action came from a card button, whose card shows it as pending. */
    fromCard: z.boolean().optional()
});
type Payload = z.output<typeof payloadSchema>;

/** Marks the reason of a failure on a conversation Intercom no longer has (404/410). */
const GONE = 'conversation no longer exists in Intercom';

export interface IntercomActDeps {
    client: IntercomClient;
    directory: IntercomDirectory;
    snapshots: ConversationSnapshotsRepo;
    sentParts: SentPartsRepo;
    /** `INTERCOM_DEFAULT_ADMIN_ID`: replies of agents without a teammate go out as this admin, signed. */
    defaultAdminId?: string;
    defaultLocale: Locale;
    activity?: ConversationActivity;
    /** Posts in the conversation's thread. */
    poster: ThreadPoster;
}

interface Actor {
    adminId: string;
    adminName: string;
    /** Replying as the shared default admin on behalf of the agent. */
    onBehalf: boolean;
}

/**
 * Performs an agent's action in Intercom (`intercom.act`): reply, note, assign to the agent,
 * close, reopen or snooze, as the agent's Intercom teammate (matched by email) or the default
 * admin. On success it records the created part (so its webhook is not mirrored back), refreshes
 * the card from Intercom's answer and acknowledges in the thread; on a final failure the thread
 * says what failed and why.
 */
export function intercomActHandler(deps: IntercomActDeps): JobHandler {
    const { client, directory, snapshots, sentParts } = deps;
    const textsOf = (p: Payload) => conversationTexts(p.agent.locale, deps.defaultLocale);

    const actorOf = async (p: Payload, t: ConversationTexts): Promise<Actor> => {
        // An admin's link wins over the email match.
        if (p.agent.intercomAdminId) return { adminId: p.agent.intercomAdminId, adminName: (await directory.adminById(p.agent.intercomAdminId))?.name ?? p.agent.name, onBehalf: false };
        const admin = p.agent.email ? await directory.adminByEmail(p.agent.email) : undefined;
        if (admin) return { adminId: admin.id, adminName: admin.name ?? p.agent.name, onBehalf: false };
        if (p.action.type === 'assign_to_me') throw new DeliveryError(t.cannotAssignUnmapped(p.agent.name, p.agent.email), false, { peer: 'intercom' });
        if (!deps.defaultAdminId) throw new DeliveryError(t.unmapped(p.agent.name, p.agent.email), false, { peer: 'intercom' });
        const shared = await directory.adminById(deps.defaultAdminId);
        return { adminId: deps.defaultAdminId, adminName: shared?.name ?? `admin ${deps.defaultAdminId}`, onBehalf: true };
    };

    return defineJobHandler({
        kind: agentActionKind('intercom'),
        peer: 'intercom',
        payload: payloadSchema,
        readyIn: () => client.rateGate.waitMs(),
        async run(p, context) {
            const t = textsOf(p);
            const actor = await actorOf(p, t);
            let conversation: IntercomConversation;
            try {
                conversation = await client.act(p.conversationId, actor.adminId, toIntercomAction(p.action, actor, p.agent.name, t));
            } catch (err) {
                if (err instanceof DeliveryError && (err.status === 410 || (err.status === 404 && (err.options.code ?? 'not_found') === 'not_found'))) {
                    throw new DeliveryError(`${GONE} (HTTP ${err.status})`, false, { status: err.status, peer: 'intercom' });
                }
                throw err;
            }
            const created = createdPart(conversation, actor.adminId);
            if (created) await sentParts.record('intercom', conversation.id, [created]);
            if (p.action.type === 'reply') await deps.activity?.humanAnswered(p.threadKey);
            if (p.action.type === 'close') await deps.activity?.closed(p.threadKey);

            const ack = acknowledgement(p, actor, t);
            const previous = asSnapshot(await snapshots.get(p.threadKey));
            const snapshot = normalizeConversation(conversation, undefined);
            if (previous) snapshot.url = previous.url;
            const names = await directory.assigneeNames(snapshot.adminAssigneeId, snapshot.teamAssigneeId);
            snapshot.adminAssigneeName = names.admin;
            snapshot.teamAssigneeName = names.team;
            snapshot.lastAction = ack;
            await snapshots.save(p.threadKey, snapshot);
            await context.enqueue([deps.poster.reply(p.threadKey, textMessage(ack), `ack:${context.jobId}`), refreshCardJob(deps.poster, snapshot, `card:${p.threadKey}:act:${context.jobId}`)]);
        },
        onDead(p, reason) {
            const t = textsOf(p);
            const label = t.label[p.action.type];
            const detail = reason.replace(/^(permanent|gave up after \d+ attempts): /, '');
            const text = detail.startsWith(GONE) ? t.gone(label, inlineText(p.agent.name)) : t.failed(label, inlineText(p.agent.name), inlineText(detail, 500));
            return [deps.poster.reply(p.threadKey, textMessage(text)), ...(p.fromCard ? [restoreCardJob(p.threadKey)] : [])];
        }
    });
}

function toIntercomAction(action: AgentAction, actor: Actor, agentName: string, t: ConversationTexts): ConversationAction {
    switch (action.type) {
        case 'reply':
            return { type: 'comment', body: textToIntercomHtml(actor.onBehalf ? `${action.text}\n\n${t.signature(agentName)}` : action.text) };
        case 'note':
            return { type: 'note', body: textToIntercomHtml(actor.onBehalf ? `${action.text}\n\n${t.signature(agentName)}` : action.text) };
        case 'assign_to_me':
            return { type: 'assign', assigneeId: actor.adminId };
        case 'close':
            return { type: 'close' };
        case 'reopen':
            return { type: 'open' };
        case 'snooze':
            return { type: 'snooze', snoozedUntil: action.until };
    }
}

/** The part the action created: the newest part by the acting admin in Intercom's answer. */
function createdPart(c: IntercomConversation, adminId: string): string | undefined {
    const parts = c.conversation_parts?.conversation_parts ?? [];
    const mine = parts.filter((part) => part.author.type === 'admin' && part.author.id === adminId);
    return mine.sort((a, b) => a.created_at - b.created_at).at(-1)?.id;
}

function acknowledgement(p: Payload, actor: Actor, t: ConversationTexts): string {
    switch (p.action.type) {
        case 'reply':
            return actor.onBehalf ? t.ackReplySigned(actor.adminName, p.agent.name) : t.ackReply(actor.adminName);
        case 'note':
            return t.ackNote(actor.adminName);
        case 'assign_to_me':
            return t.ackAssign(actor.adminName);
        case 'close':
            return t.ackClose(p.agent.name);
        case 'reopen':
            return t.ackReopen(p.agent.name);
        case 'snooze':
            return t.ackSnooze(p.agent.name, localTime(p.action.until, p.agent.timeZone, p.agent.locale));
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
