import type { TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Locale } from '../../config';
import type { IdentityLinksRepo } from '../../store/identity-links-repo';
import { assignKommoLeadJob } from '../../flows/leads/fetch-jobs';
import { whatsappCardTexts } from '../../texts/card-texts';
import { splitThreadKey } from '../../domain/thread-key';
import { aiStateLine, setAiState } from '../../domain/ai-pause';
import type { WhatsAppThreads } from '../../domain/whatsapp-jobs';
import type { WhatsAppContact } from '../../domain/whatsapp-contact';
import { kommoNoteJob, kommoSendJob } from '../../integrations/kommo/jobs';
import type { Logger } from '../../lib/logger';
import type { NewJob } from '../../outbox/job-store';
import type { TeamsPeopleRepo } from '../../store/teams-people-repo';
import type { ThreadsRepo } from '../../store/threads-repo';
import type { WhatsAppContactsRepo } from '../../store/whatsapp-contacts-repo';
import { agentOf, type AgentLookups } from '../agent-of';
import { WHATSAPP_VERBS, whatsappCard, type WhatsAppVerb } from '../cards/whatsapp-card';
import { parseCommand } from '../commands/parse-command';
import { threadKeyOfActivity } from '../conversation-actions';
import { whatsappTexts, type WhatsAppTexts } from '../../texts/whatsapp-texts';
import { isBotCommand, isThreadReply } from './conversation-threads';
import { inlineText } from '../../lib/markdown';

export interface WhatsAppThreadDeps {
    threads: ThreadsRepo;
    contacts: WhatsAppContactsRepo;
    view: WhatsAppThreads;
    people: TeamsPeopleRepo;
    /** Admins' identity links (a salesperson's Kommo user for *Take it*). */
    identities?: IdentityLinksRepo;
    enqueue: (jobs: readonly NewJob[]) => Promise<unknown>;
    logger: Logger;
    defaultLocale: Locale;
    botCommands: ReadonlySet<string>;
    /** Kommo API configured (notes); sending also needs the Salesbot settings. */
    kommoConnected: boolean;
    canSend: boolean;
    pauseOnHumanReply: boolean;
    emailOf?: AgentLookups['emailOf'];
}

type ThreadCommand = 'pause' | 'resume' | 'status' | 'help' | 'note' | 'intercom';
const COMMANDS: Record<string, ThreadCommand> = {
    pausar: 'pause',
    pause: 'pause',
    voltar: 'resume',
    resume: 'resume',
    status: 'status',
    help: 'help',
    ajuda: 'help',
    hilfe: 'help',
    nota: 'note',
    note: 'note',
    notiz: 'note',
    claim: 'intercom',
    assumir: 'intercom',
    close: 'intercom',
    fechar: 'intercom',
    reopen: 'intercom',
    reabrir: 'intercom'
};

/**
 * A WhatsApp contact's thread: `#pausar`/`#voltar` switch the AI for that contact, `#status` and
 * `#help` answer, `#nota …` adds a note to the Kommo lead, and plain text goes to the customer
 * through Kommo as the salesperson (signed), pausing the AI while a human talks. The card's
 * `pause_ai`/`resume_ai` buttons switch the AI and answer with the card for everyone.
 */
export function registerWhatsAppThreads(app: Application<TurnState>, deps: WhatsAppThreadDeps): void {
    const contactOf = async (context: TurnContext): Promise<string | undefined> => {
        const key = await threadKeyOfActivity(context, deps.threads);
        return key && splitThreadKey(key).source === 'kommo' ? splitThreadKey(key).id : undefined;
    };

    const switchAi = async (context: TurnContext, contactId: string, paused: boolean, t: WhatsAppTexts) => {
        const agent = await agentOf(context, { people: deps.people, emailOf: deps.emailOf });
        const result = await setAiState(deps.contacts, deps.view, contactId, { paused, by: agent.name, via: 'teams' });
        if (result.changed) await deps.enqueue(result.jobs);
        deps.logger.info({ contactId, paused, changed: result.changed }, 'AI switched from Teams');
        return { result, message: result.changed ? undefined : paused ? t.alreadyPaused : t.alreadyActive };
    };

    /**
     * *Take it* after an AI handoff: the pause becomes the salesperson's, the thread says who took
     * it, and the Kommo lead becomes theirs (their linked Kommo user, else the one with their email).
     */
    const takeOver = async (context: TurnContext, contactId: string, t: WhatsAppTexts) => {
        const agent = await agentOf(context, { people: deps.people, identities: deps.identities, emailOf: deps.emailOf });
        const { contact, changed } = await deps.contacts.takeOver(contactId, agent.name);
        if (!contact) return { message: t.threadHelp };
        if (!changed) return { message: t.nothingToTake, card: renderWhatsAppCard(deps.view, contact, context.activity.locale, deps.defaultLocale) };
        const jobs: NewJob[] = [deps.view.notice(contactId, deps.view.texts.tookOver(inlineText(agent.name)), `took-over:${context.activity.id ?? contactId}`), deps.view.refresh(contact)];
        if (contact.leadId && deps.kommoConnected && (agent.email || agent.kommoUserId)) jobs.push(assignKommoLeadJob(contact.leadId, { email: agent.email, kommoUserId: agent.kommoUserId }));
        await deps.enqueue(jobs);
        deps.logger.info({ contactId, by: agent.id }, 'whatsapp contact taken over after a handoff');
        return { message: undefined, card: renderWhatsAppCard(deps.view, contact, context.activity.locale, deps.defaultLocale) };
    };

    const selector = async (context: TurnContext): Promise<boolean> => {
        const a = context.activity;
        if (a.type !== 'message' || !isThreadReply(a) || (!a.text && a.value)) return false;
        if (isBotCommand(a, parseCommand(a.text), deps.botCommands, a.recipient?.id)) return false;
        return (await contactOf(context)) !== undefined;
    };

    app.activity(selector, async (context) => {
        const contactId = (await contactOf(context))!;
        const t = whatsappTexts(context.activity.locale, deps.defaultLocale);
        const parsed = parseCommand(context.activity.text);
        if (!parsed.text) return;
        const command = parsed.hashed ? COMMANDS[parsed.command] : undefined;
        if (parsed.hashed && !command) return void (await context.sendActivity(t.unknownCommand(parsed.command)));
        switch (command) {
            case 'pause':
            case 'resume': {
                const { message } = await switchAi(context, contactId, command === 'pause', t);
                if (message) await context.sendActivity(message);
                return;
            }
            case 'status':
                return void (await context.sendActivity(aiStateLine(deps.view, await deps.contacts.get(contactId))));
            case 'help':
                return void (await context.sendActivity(t.threadHelp));
            case 'intercom':
                return void (await context.sendActivity(t.notInThisThread(parsed.command)));
            case 'note': {
                if (!parsed.rest) return void (await context.sendActivity(t.needsText(parsed.command)));
                if (!deps.kommoConnected) return void (await context.sendActivity(t.kommoNotConnected));
                const agent = await agentOf(context, { people: deps.people, emailOf: deps.emailOf });
                const contact = await deps.contacts.get(contactId);
                await deps.enqueue([kommoNoteJob({ contactId, leadId: contact?.leadId ?? null, text: `${parsed.rest}\n\n${t.signature(agent.name)} (Teams)`, ack: t.noteAdded(inlineText(agent.name)) }, `note:${context.activity.id}`)]);
                return;
            }
            default: {
                if (!deps.canSend) return void (await context.sendActivity(t.kommoNotConnected));
                const agent = await agentOf(context, { people: deps.people, emailOf: deps.emailOf });
                const contact = await deps.contacts.get(contactId);
                const jobs: NewJob[] = [kommoSendJob({ contactId, leadId: contact?.leadId ?? null, text: `${parsed.text}\n\n${t.signature(agent.name)}`, mirror: t.sentToCustomer(inlineText(agent.name)), author: 'human' }, `teams-send:${context.activity.id}`)];
                await deps.contacts.markHuman(contactId);
                if (deps.pauseOnHumanReply) jobs.push(...(await setAiState(deps.contacts, deps.view, contactId, { paused: true, by: agent.name, via: 'teams' })).jobs);
                await deps.enqueue(jobs);
            }
        }
    });

    const onButton = async (context: TurnContext, verb: WhatsAppVerb, data: { contactId?: string }) => {
        const t = whatsappTexts(context.activity.locale, deps.defaultLocale);
        // The card pressed decides the contact; the button's data only outside a known thread.
        const contactId = (await contactOf(context)) ?? data.contactId;
        if (!contactId) return { message: t.threadHelp };
        if (verb === 'take_contact') return takeOver(context, contactId, t);
        const { result, message } = await switchAi(context, contactId, verb === 'pause_ai', t);
        return { message, card: renderWhatsAppCard(deps.view, result.contact, context.activity.locale, deps.defaultLocale) };
    };
    for (const verb of WHATSAPP_VERBS) {
        app.adaptiveCards.actionExecute<{ contactId?: string }>(verb, async (context, _state, data) => {
            const { message, card } = await onButton(context, verb, data);
            return card ?? message ?? '';
        });
        app.adaptiveCards.actionSubmit<{ contactId?: string }>(verb, async (context, _state, data) => {
            // The change itself is announced in the thread by its jobs.
            const { message } = await onButton(context, verb, data);
            if (message) await context.sendActivity(message);
        });
    }
}

/** The contact's card as the thread shows it, for the answer to a card press. */
function renderWhatsAppCard(view: WhatsAppThreads, contact: WhatsAppContact, locale: string | undefined, fallback: Locale) {
    const model = view.card(contact);
    return whatsappCard(model.contact, whatsappCardTexts(locale, fallback), model.leadUrl, model.aiConnected);
}
