import { TurnContext, type Activity } from 'botbuilder';
import { DatabaseStorage } from './bot-state-storage';
import type { AuthenticateRequestResult, BotFrameworkAuthentication } from 'botframework-connector';
import { Application, TeamsAdapter, type TurnState } from './teams-ai';
import type { Config } from '../config';
import type { Logger } from '../lib/logger';
import type { Repositories } from '../store/index';
import { whereOf } from './activity-context';
import type { AdminPolicy } from './admin-check';
import { AppTokenProvider } from '../integrations/graph/app-token';
import { TeamOwners } from '../integrations/graph/team-owners';
import { GraphDirectory } from '../integrations/graph/directory';
import { BOT_COMMAND_WORDS, registerChannelCommands } from './handlers/channel-commands';
import { registerConversationCardActions } from './handlers/conversation-card-actions';
import { registerConversationThreads } from './handlers/conversation-threads';
import type { NewJob } from '../outbox/job-store';
import type { WhatsAppThreads } from '../domain/whatsapp-jobs';
import { registerWhatsAppThreads } from './handlers/whatsapp-threads';
import { registerLeadCardActions } from './handlers/lead-card-actions';
import type { LeadThreads } from '../domain/lead-threads';
import type { AdminStatus } from '../domain/admin-status';
import type { Clients } from '../integrations/clients';
import { registerDeadLetterActions, replayFromTeams } from './handlers/dead-letter-actions';
import { registerInstallationHandlers } from './handlers/installation';
import { resolveLocale, textsFor, type Texts } from '../texts/i18n';
import { TeamsMessenger } from './proactive';
import { checkCardPress, refusePress } from './card-action-guard';
import type { HelpdeskSource } from '../domain/helpdesk';
import { syncJob as intercomSyncJob } from '../integrations/intercom/index';
import { syncJob as zendeskSyncJob, zendeskConfigured } from '../integrations/zendesk/index';

/** The Teams side of Deskbridge: the adapter, the teams-ai application and proactive posting. */
export interface TeamsBot {
    readonly adapter: TeamsAdapter;
    readonly app: Application<TurnState>;
    readonly messenger: TeamsMessenger;
    /** Runs one incoming activity through the application. */
    handle(context: TurnContext): Promise<void>;
    /**
     * Authenticates an activity from `POST /api/messages` (its `Authorization` header) and runs
     * it: the invoke response to answer with.
     * @throws BotAuthenticationError when the token is missing, forged, expired, or cannot be
     * checked (signing keys unreachable) — never with the SDK's internal message.
     */
    process(activity: Partial<Activity>, authorization: string): Promise<{ status: number; body?: unknown }>;
}

/** An activity whose Bot Framework credentials could not be verified (answered 401). */
export class BotAuthenticationError extends Error {
    constructor(readonly reason: string) {
        super('The Bot Framework token is missing or invalid');
        this.name = 'BotAuthenticationError';
    }
}

export interface TeamsBotDeps {
    config: Config;
    repos: Repositories;
    logger: Logger;
    /** Wakes the outbox worker (after a replay from Teams). */
    wakeOutbox: () => void;
    /** Queues jobs in the outbox and wakes the worker. */
    enqueue: (jobs: readonly NewJob[]) => Promise<unknown>;
    /** The WhatsApp contacts' threads (texts, lead links). */
    whatsapp: WhatsAppThreads;
    /** The hot leads' card threads. */
    leads: LeadThreads;
    /** The full status for admins (integrations, paused contacts, today's figures). */
    adminStatus?: () => Promise<AdminStatus>;
    /** Vendor clients, to tell a user who they are in Intercom and Kommo. */
    clients?: Clients;
}

/**
 * Builds the adapter (Bot Framework auth from BOT_ID/BOT_PASSWORD/BOT_TYPE/BOT_TENANT_ID, or
 * anonymous when BOT_ID is empty) and the teams-ai application with Deskbridge's handlers. Turn
 * state lives in Deskbridge's database.
 */
export function createTeamsBot(deps: TeamsBotDeps): TeamsBot {
    const { config, repos, logger } = deps;
    const adapter = new TeamsAdapter({
        MicrosoftAppId: config.BOT_ID ?? '',
        MicrosoftAppPassword: config.BOT_PASSWORD ?? '',
        // Anonymous local mode has no app, hence no app type (the SDK insists on an id for the others).
        MicrosoftAppType: config.anonymousBot ? undefined : config.BOT_TYPE,
        MicrosoftAppTenantId: config.BOT_TENANT_ID ?? ''
    });
    adapter.onTurnError = async (context, error) => {
        logger.error({ err: error, activityType: context.activity.type, conversationId: context.activity.conversation?.id }, 'turn failed');
        if (context.activity.type === 'message') {
            await context.sendActivity('Sorry, something went wrong while handling that. It has been logged.').catch(() => undefined);
        }
    };

    const app = new Application<TurnState>({
        adapter,
        botAppId: config.BOT_ID ?? '',
        storage: new DatabaseStorage(repos.db.kysely),
        startTypingTimer: false,
        removeRecipientMention: true,
        longRunningMessages: false
    });

    const texts = (activity: Activity): Texts => textsFor(resolveLocale(activity.locale, config.DEFAULT_LOCALE));

    const savedReferences = new Map<string, string>();
    app.turn('beforeTurn', async (context) => {
        const where = whereOf(context.activity);
        if (config.ALLOWED_TENANT_IDS.length > 0 && !config.ALLOWED_TENANT_IDS.includes(where.tenantId ?? '')) {
            logger.warn({ tenantId: where.tenantId }, 'activity from a tenant not in ALLOWED_TENANT_IDS refused');
            if (context.activity.type === 'message') await context.sendActivity(texts(context.activity).tenantRefused);
            return false;
        }
        // The reference changes only with the service URL: write it once per conversation and
        // process, not on every message.
        if (where.conversationId && where.serviceUrl && savedReferences.get(where.conversationId) !== where.serviceUrl) {
            const reference = TurnContext.getConversationReference(context.activity);
            delete reference.activityId;
            await repos.conversationRefs.save({
                conversationId: where.conversationId,
                conversationType: where.conversationType,
                teamId: where.teamId ?? null,
                tenantId: where.tenantId ?? null,
                serviceUrl: where.serviceUrl,
                reference
            });
            if (savedReferences.size >= 10_000) savedReferences.clear();
            savedReferences.set(where.conversationId, where.serviceUrl);
        }
        return true;
    });

    const graph = graphServices(config);
    const emailOf = graph ? (tenantId: string, aad: string) => graph.directory.emailOf(tenantId, aad) : undefined;
    const adminPolicy: AdminPolicy = {
        adminUsers: config.ADMIN_USERS,
        everyoneIsAdmin: config.anonymousBot && config.ADMIN_USERS.length === 0,
        isTeamOwner: graph ? (tenantId, groupId, userId) => graph.owners.isOwner(tenantId, groupId, userId) : undefined
    };
    // Card presses are checked before any handler: schema per verb, thread binding, team scope.
    app.turn('beforeTurn', async (context) => {
        const verdict = await checkCardPress(context, {
            threads: repos.threads,
            adminPolicy,
            texts: (c) => {
                const t = texts(c.activity);
                return { malformed: t.cardMalformed, otherConversation: t.cardOtherConversation, otherTeam: t.cardOtherTeam, adminOnly: t.cardAdminOnly };
            }
        });
        if (verdict.ok) return true;
        logger.warn({ status: verdict.status, activityType: context.activity.type, conversationId: context.activity.conversation?.id?.slice(0, 200) }, 'card press refused');
        await refusePress(context, verdict);
        return false;
    });
    const deadLetterDeps = { repos, logger, adminPolicy, textsFor: texts, onReplay: deps.wakeOutbox, defaultLocale: config.DEFAULT_LOCALE };
    // Card actions first: their routes must see card submissions before the message handler.
    registerDeadLetterActions(app, deadLetterDeps);
    registerInstallationHandlers(app, { repos, logger, textsFor: texts });
    const helpdesksConnected: HelpdeskSource[] = [...(config.INTERCOM_ACCESS_TOKEN ? (['intercom'] as const) : []), ...(zendeskConfigured(config) ? (['zendesk'] as const) : [])];
    const conversationDeps = {
        threads: repos.threads,
        snapshots: repos.snapshots,
        enqueue: deps.enqueue,
        connected: (source: string) => (helpdesksConnected as readonly string[]).includes(source),
        people: repos.people,
        identities: repos.identities,
        emailOf,
        logger,
        defaultLocale: config.DEFAULT_LOCALE
    };
    registerConversationCardActions(app, conversationDeps);
    registerLeadCardActions(app, { repos, view: deps.leads, enqueue: deps.enqueue, logger, defaultLocale: config.DEFAULT_LOCALE, emailOf });
    registerWhatsAppThreads(app, {
        threads: repos.threads,
        contacts: repos.contacts,
        view: deps.whatsapp,
        people: repos.people,
        identities: repos.identities,
        enqueue: deps.enqueue,
        logger,
        defaultLocale: config.DEFAULT_LOCALE,
        botCommands: BOT_COMMAND_WORDS,
        kommoConnected: !!config.KOMMO_ACCESS_TOKEN,
        canSend: !!(config.KOMMO_ACCESS_TOKEN && config.KOMMO_SALESBOT_ID && config.KOMMO_REPLY_FIELD_ID),
        pauseOnHumanReply: config.WHATSAPP_PAUSE_ON_HUMAN_REPLY,
        emailOf
    });
    // Thread replies under a conversation card go to the customer: before the bot's own commands.
    registerConversationThreads(app, { ...conversationDeps, botCommands: BOT_COMMAND_WORDS });
    registerChannelCommands(app, {
        repos,
        logger,
        textsFor: texts,
        adminPolicy,
        replay: (context, which) => replayFromTeams(context, which, deadLetterDeps),
        adminStatus: deps.adminStatus,
        clients: deps.clients,
        graph: graph?.directory,
        timeZone: config.SLA_TIMEZONE,
        helpdeskAdmin: {
            routingRules: repos.routingRules,
            teams: repos.teams,
            adminPolicy,
            logger,
            defaultLocale: config.DEFAULT_LOCALE,
            enqueue: deps.enqueue,
            connected: helpdesksConnected,
            syncJob: (helpdesk, requestId) => (helpdesk === 'zendesk' ? zendeskSyncJob(requestId) : intercomSyncJob(requestId))
        }
    });

    return {
        adapter,
        app,
        messenger: new TeamsMessenger(adapter, repos.teams, config.BOT_ID),
        handle: async (context) => {
            await app.run(context);
        },
        process: async (activity, authorization) => {
            // Authentication apart from the turn: every failure of it (missing or `alg=none` token,
            // bad signature, keys that cannot be downloaded) is a 401, not the SDK's 500.
            // Both members are protected in the SDK's typings; CloudAdapter.process calls the same two.
            const sdk = adapter as unknown as {
                botFrameworkAuthentication: BotFrameworkAuthentication;
                processActivity(auth: AuthenticateRequestResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<{ status: number; body?: unknown } | undefined>;
            };
            const auth = sdk.botFrameworkAuthentication;
            let result: AuthenticateRequestResult;
            try {
                result = await auth.authenticateRequest(activity as Activity, authorization);
            } catch (err) {
                throw new BotAuthenticationError(err instanceof Error ? err.name : 'unknown');
            }
            const invoke = await sdk.processActivity(result, withDates(activity), (context) => app.run(context).then(() => undefined));
            return { status: invoke?.status ?? 200, body: invoke?.body };
        }
    };
}

/** Microsoft Graph with the bot's credentials: team owners, users' emails, new channels. */
function graphServices(config: Config): { owners: TeamOwners; directory: GraphDirectory } | undefined {
    if (!config.BOT_ID || !config.BOT_PASSWORD) return undefined;
    const tokens = new AppTokenProvider({ clientId: config.BOT_ID, clientSecret: config.BOT_PASSWORD, loginBaseUrl: config.MICROSOFT_LOGIN_BASE_URL!, graphBaseUrl: config.GRAPH_BASE_URL! });
    return { owners: new TeamOwners(tokens, config.GRAPH_BASE_URL!), directory: new GraphDirectory(tokens, config.GRAPH_BASE_URL!) };
}

/** The activity's timestamps as dates, as the SDK's own request handling does. */
function withDates(activity: Partial<Activity>): Activity {
    const out = activity as Activity & Record<string, unknown>;
    for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
        const value = out[field] as unknown;
        if (typeof value === 'string') {
            out[`raw${field.charAt(0).toUpperCase()}${field.slice(1)}`] = value;
            (out as Record<string, unknown>)[field] = new Date(value);
        }
    }
    return out;
}
