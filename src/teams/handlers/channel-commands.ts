import { statusCardTexts } from '../../texts/card-texts';
import type { Activity, TurnContext } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Logger } from '../../lib/logger';
import type { Repositories } from '../../store/index';
import type { AdminStatus } from '../../domain/admin-status';
import { isStream } from '../../store/channel-bindings-repo';
import { whereOf } from '../activity-context';
import { isAdmin, type AdminPolicy } from '../admin-check';
import { cardAttachment } from '../cards/adaptive-card';
import { helpCard } from '../cards/help-card';
import { statusCard } from '../cards/status-card';
import { parseCommand, type ParsedText } from '../commands/parse-command';
import type { Texts } from '../../texts/i18n';
import { loadStatusView } from '../status-view';
import { isThreadReply } from './conversation-threads';
import { recordTeamInstallation } from './installation';
import { routeCommand, syncCommand, type HelpdeskAdminCommandDeps } from './helpdesk-admin-commands';
import { leadsCommand } from './leads-command';
import { linkCommand, whoamiCommand } from './identity-commands';
import type { Clients } from '../../integrations/clients';
import { GraphPermissionError, type GraphDirectory } from '../../integrations/graph/directory';

export interface ChannelCommandDeps {
    repos: Repositories;
    logger: Logger;
    adminPolicy: AdminPolicy;
    textsFor: (activity: Activity) => Texts;
    /** Replays dead letters (`all` or an id) for the sender, returning the answer. */
    replay: (context: TurnContext, which: string) => Promise<string>;
    helpdeskAdmin: HelpdeskAdminCommandDeps;
    /** The full status, for admins. */
    adminStatus?: () => Promise<AdminStatus>;
    clients?: Clients;
    /** Microsoft Graph with the bot's credentials (absent in anonymous mode). */
    graph?: GraphDirectory;
    /** The team's time zone (`SLA_TIMEZONE`): where "today" starts. */
    timeZone: string;
}

/** The words of `@Deskbridge <command>`; in a conversation thread anything else goes to the customer. */
export const BOT_COMMAND_WORDS: ReadonlySet<string> = new Set(['help', 'ajuda', 'hilfe', 'setup', 'status', 'replay', 'sync', 'route', 'leads', 'whoami', 'link']);

/** A handler for one `@Deskbridge <command>`. */
type CommandHandler = (context: TurnContext, parsed: ParsedText, t: Texts) => Promise<void>;

/** True when the message @mentions the bot (the mention text itself is already removed). */
export function mentionsBot(activity: Activity): boolean {
    return (activity.entities ?? []).some((e) => e.type === 'mention' && (e as { mentioned?: { id?: string } }).mentioned?.id === activity.recipient?.id);
}

/**
 * The commands addressed to the bot itself: `help`, `setup <stream>`, `status`. Other messages
 * (thread replies, `#` commands) are left to the conversation handlers of each stream.
 */
export function registerChannelCommands(app: Application<TurnState>, deps: ChannelCommandDeps): void {
    const identityDeps = { repos: deps.repos, clients: deps.clients ?? {}, adminPolicy: deps.adminPolicy, logger: deps.logger, emailOf: deps.graph ? (tenantId: string, aad: string) => deps.graph!.emailOf(tenantId, aad) : undefined };
    const commands: Record<string, CommandHandler> = {
        help: async (context, _parsed, t) => {
            await context.sendActivity({ attachments: [cardAttachment(helpCard(t))] });
        },
        ajuda: async (context, parsed, t) => commands.help!(context, parsed, t),
        hilfe: async (context, parsed, t) => commands.help!(context, parsed, t),
        setup: (context, parsed, t) => setup(context, parsed, t, deps),
        status: async (context, _parsed, t) => {
            // Admins see everything (integrations, paused contacts, figures); others a summary.
            const view = await loadStatusView(deps.repos);
            if (deps.adminStatus && (await isAdmin(context, deps.adminPolicy))) view.admin = await deps.adminStatus();
            await context.sendActivity({ attachments: [cardAttachment(statusCard(t, view, statusCardTexts(context.activity.locale, deps.helpdeskAdmin.defaultLocale)))] });
        },
        replay: async (context, parsed, t) => {
            const which = (parsed.args[0] ?? '').toLowerCase();
            await context.sendActivity(which ? await deps.replay(context, which) : t.replayUsage);
        },
        sync: (context, parsed) => syncCommand(context, parsed, deps.helpdeskAdmin),
        whoami: (context) => whoamiCommand(context, identityDeps),
        link: (context, parsed) => linkCommand(context, parsed, identityDeps),
        leads: (context) => leadsCommand(context, { leads: deps.repos.leads, defaultLocale: deps.helpdeskAdmin.defaultLocale, timeZone: deps.timeZone }),
        route: (context, parsed) => routeCommand(context, parsed, deps.helpdeskAdmin)
    };

    app.activity('message', async (context) => {
        const activity = context.activity;
        // Card submissions without text are handled by the card action routes.
        if (!activity.text && activity.value) return;
        const parsed = parseCommand(activity.text);
        const t = deps.textsFor(activity);
        const handler = parsed.hashed ? undefined : commands[parsed.command];
        const addressedToBot = mentionsBot(activity) || activity.conversation?.conversationType === 'personal' || !activity.conversation?.conversationType;
        if (handler && addressedToBot) {
            await handler(context, parsed, t);
            return;
        }
        if (addressedToBot && !isThreadReply(activity)) {
            await context.sendActivity(t.unknownCommand(parsed.text.slice(0, 80)));
        }
    });
}

async function setup(context: TurnContext, parsed: ParsedText, t: Texts, deps: ChannelCommandDeps): Promise<void> {
    const stream = (parsed.args[0] ?? '').toLowerCase();
    if (!isStream(stream)) {
        await context.sendActivity(t.setupUsage);
        return;
    }
    const where = whereOf(context.activity);
    if (!where.teamId || !where.channelId) {
        await context.sendActivity(t.setupNeedsChannel);
        return;
    }
    if (!(await isAdmin(context, deps.adminPolicy))) {
        deps.logger.info({ userId: context.activity.from?.id, stream }, 'setup refused: not an admin');
        await context.sendActivity(t.setupRefused);
        return;
    }
    const team = await deps.repos.teams.getTeam(where.teamId);
    if (!team || !team.installed) await recordTeamInstallation(context, deps);
    let channelId = where.channelId;
    let channelName: string;
    if ((parsed.args[1] ?? '').toLowerCase() === 'new') {
        // `setup intercom new "Customer Support"`: create the channel in this team, then bind it.
        const created = await createChannel(context, parsed, deps);
        if (!created) return;
        channelId = created.id;
        channelName = created.displayName;
        await deps.repos.teams.saveChannel({ channelId, teamId: where.teamId, name: channelName });
    } else {
        const known = await deps.repos.teams.getChannel(where.channelId);
        channelName = where.channelName ?? known?.name ?? (where.channelId === where.teamId ? t.generalChannel : where.channelId);
    }
    const previous = await deps.repos.bindings.get(stream);
    await deps.repos.bindings.bind({
        stream,
        teamId: where.teamId,
        channelId,
        channelName,
        boundById: context.activity.from?.aadObjectId ?? context.activity.from?.id ?? null,
        boundByName: context.activity.from?.name ?? null
    });
    deps.logger.info({ stream, channelId, teamId: where.teamId }, 'channel bound');
    const moved = previous && previous.channelId !== channelId;
    await context.sendActivity(moved ? t.setupMoved(stream, channelName, previous.channelName ?? previous.channelId) : t.setupDone(stream, channelName));
}

/** Creates the channel named after `new` through Microsoft Graph; tells the admin why when it cannot. */
async function createChannel(context: TurnContext, parsed: ParsedText, deps: ChannelCommandDeps): Promise<{ id: string; displayName: string } | undefined> {
    const name = parsed.rest.replace(/^\S+\s+new\s*/i, '').replace(/^["“']|["”']$/g, '').trim();
    const data = (context.activity.channelData ?? {}) as { team?: { aadGroupId?: string }; tenant?: { id?: string } };
    const tenantId = data.tenant?.id ?? context.activity.conversation?.tenantId;
    if (!name || name.length > 50) {
        await context.sendActivity('Name the new channel (up to 50 characters): `@Deskbridge setup intercom new "Customer Support"`.');
        return undefined;
    }
    if (!deps.graph || !data.team?.aadGroupId || !tenantId) {
        await context.sendActivity('Creating channels needs the bot\'s own credentials (BOT_ID and BOT_PASSWORD) to call Microsoft Graph. Create the channel in Teams and run `setup` in it instead.');
        return undefined;
    }
    try {
        return await deps.graph.createChannel(tenantId, data.team.aadGroupId, name);
    } catch (err) {
        if (err instanceof GraphPermissionError) {
            await context.sendActivity(err.message);
            return undefined;
        }
        throw err;
    }
}
