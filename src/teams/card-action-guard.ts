import type { TurnContext } from 'botbuilder';
import { z } from 'zod/v4';
import { issueDetails } from '../lib/http-error';
import { leadThreadKey } from '../domain/lead';
import { whatsappThreadKey } from '../domain/whatsapp-contact';
import { SNOOZE_CHOICES } from '../domain/snooze';
import { HELPDESK_SOURCES } from '../texts/locales';
import type { ThreadsRepo } from '../store/threads-repo';
import { channelDataOf } from './activity-context';
import { isAdmin, type AdminPolicy } from './admin-check';
import { threadKeyOfActivity } from './conversation-actions';
import { REPLAY_VERB } from './cards/status-card';
import { REPLY_INPUT_ID } from './cards/conversation-card';

/** Intercom conversation and Zendesk ticket ids are decimal numbers (`215473853299345`, `35436`). */
const conversationId = z.string().regex(/^\d{1,32}$/, 'must be a conversation or ticket id (digits)');
/** Kommo ids (contacts, leads) are decimal numbers. */
const kommoId = z.union([z.string().regex(/^\d{1,20}$/, 'must be a Kommo id (digits)'), z.number().int().positive().max(Number.MAX_SAFE_INTEGER)]).transform(String);
const leadId = z.union([z.number().int().positive().max(2 ** 31 - 1), z.string().regex(/^\d{1,10}$/, 'must be a lead id (digits)')]).transform(Number);

const conversation = z.object({ conversationId: conversationId.optional(), helpdesk: z.enum(HELPDESK_SOURCES).optional() });
const verbSchemas = {
    reply: conversation.extend({ [REPLY_INPUT_ID]: z.string().max(5000).optional() }),
    note: conversation.extend({ [REPLY_INPUT_ID]: z.string().max(5000).optional() }),
    assign_to_me: conversation,
    close: conversation,
    reopen: conversation,
    snooze: conversation.extend({ until: z.enum(SNOOZE_CHOICES).optional() }),
    pause_ai: z.object({ contactId: kommoId.optional() }),
    resume_ai: z.object({ contactId: kommoId.optional() }),
    take_contact: z.object({ contactId: kommoId.optional() }),
    claim_lead: z.object({ leadId: leadId.optional() }),
    mark_contacted: z.object({ leadId: leadId.optional() }),
    [REPLAY_VERB]: z.object({ which: z.union([z.literal('all'), z.string().regex(/^\d{1,18}$/, 'must be "all" or a dead letter id')]).optional() })
} satisfies Record<string, z.ZodTypeAny>;

type GuardedVerb = keyof typeof verbSchemas;

/** The thread key a verb's button data names, if it names one. */
function namedThreadKey(data: Record<string, unknown>): string | undefined {
    if ('conversationId' in data && typeof data.conversationId === 'string') return `${typeof data.helpdesk === 'string' ? data.helpdesk : 'intercom'}:${data.conversationId}`;
    if ('contactId' in data && typeof data.contactId === 'string') return whatsappThreadKey(data.contactId);
    if ('leadId' in data && typeof data.leadId === 'number') return leadThreadKey(data.leadId);
    return undefined;
}

/** Which kind of thread each verb acts in. */
const VERB_SOURCE: Partial<Record<GuardedVerb, string>> = {
    reply: 'helpdesk',
    note: 'helpdesk',
    assign_to_me: 'helpdesk',
    close: 'helpdesk',
    reopen: 'helpdesk',
    snooze: 'helpdesk',
    pause_ai: 'kommo',
    resume_ai: 'kommo',
    take_contact: 'kommo',
    claim_lead: 'lead',
    mark_contacted: 'lead'
};

export type GuardVerdict = { ok: true } | { ok: false; status: 400 | 200; message: string };

export interface CardGuardDeps {
    threads: ThreadsRepo;
    adminPolicy: AdminPolicy;
    texts: (context: TurnContext) => { malformed: (detail: string) => string; otherConversation: string; otherTeam: string; adminOnly: string };
}

/** The verb and data of a card press: an `adaptiveCard/action` invoke or an Action.Submit message. */
function pressOf(context: TurnContext): { verb: string; data: unknown } | undefined {
    const a = context.activity;
    if (a.type === 'invoke' && a.name === 'adaptiveCard/action') {
        const action = (a.value as { action?: { verb?: unknown; data?: unknown } } | undefined)?.action;
        return typeof action?.verb === 'string' ? { verb: action.verb, data: action.data ?? {} } : { verb: '', data: undefined };
    }
    if (a.type === 'message' && a.value && typeof a.value === 'object' && typeof (a.value as { verb?: unknown }).verb === 'string') {
        return { verb: (a.value as { verb: string }).verb, data: a.value };
    }
    return undefined;
}

/**
 * Checks a card press before any handler runs. Nothing in a button is trusted: its data must
 * match the verb's schema (ids bounded, in the peer's format); a card in a conversation's thread
 * acts on that conversation only, and its data may not name another; outside a known thread, the
 * object the data names must have its thread in the same team and tenant as the press; and the
 * status card's *Resume AI* (which acts from outside the contact's thread by design) is for
 * admins, on contacts whose thread (if any) is in the same tenant and team.
 */
export async function checkCardPress(context: TurnContext, deps: CardGuardDeps): Promise<GuardVerdict> {
    const press = pressOf(context);
    if (!press) return { ok: true };
    const t = deps.texts(context);
    if (!(press.verb in verbSchemas)) {
        return context.activity.type === 'invoke' ? { ok: false, status: 400, message: t.malformed('unknown verb') } : { ok: true };
    }
    const verb = press.verb as GuardedVerb;
    if (!press.data || typeof press.data !== 'object' || Array.isArray(press.data)) return { ok: false, status: 400, message: t.malformed('data must be an object') };
    const parsed = verbSchemas[verb].safeParse(press.data);
    if (!parsed.success) {
        const detail = issueDetails(parsed.error.issues).map((d) => `${d.field} ${d.message}`).join('; ');
        return { ok: false, status: 400, message: t.malformed(detail.slice(0, 300)) };
    }
    const source = VERB_SOURCE[verb];
    if (!source) return { ok: true };
    const named = namedThreadKey(parsed.data as Record<string, unknown>);
    const current = await threadKeyOfActivity(context, deps.threads);
    if (current) {
        // The card lives in a thread: that thread's object, and no other.
        if (named && named !== current) return { ok: false, status: 200, message: t.otherConversation };
        return { ok: true };
    }
    if (!named) return { ok: true };
    // Outside its thread (the status card, a forwarded card): the object's thread must be in the
    // team (when pressed in one) and the tenant of the press.
    const thread = await deps.threads.get(named);
    const data = channelDataOf(context.activity);
    const tenantId = data.tenant?.id ?? context.activity.conversation?.tenantId ?? null;
    const teamId = data.team?.id;
    const aiSwitch = verb === 'resume_ai' || verb === 'pause_ai';
    if (thread) {
        if ((thread.tenantId ?? null) !== tenantId || (teamId !== undefined && thread.teamId !== teamId)) return { ok: false, status: 200, message: t.otherTeam };
    } else if (!aiSwitch) {
        return { ok: false, status: 200, message: t.otherTeam };
    }
    // A contact's AI is switched from outside its thread only from the admins' status card.
    if (aiSwitch && !(await isAdmin(context, deps.adminPolicy))) return { ok: false, status: 200, message: t.adminOnly };
    return { ok: true };
}

/** Answers a refused press: an error invoke response (400) or a message to the presser. */
export async function refusePress(context: TurnContext, verdict: Exclude<GuardVerdict, { ok: true }>): Promise<void> {
    if (context.activity.type !== 'invoke') {
        await context.sendActivity(verdict.message);
        return;
    }
    const body =
        verdict.status === 400
            ? { statusCode: 400, type: 'application/vnd.microsoft.error', value: { code: 'BadRequest', message: verdict.message } }
            : { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: verdict.message };
    await context.sendActivity({ type: 'invokeResponse', value: { status: 200, body } });
}
