import { TeamsInfo, TurnContext, type Activity } from 'botbuilder';
import type { Application, TurnState } from '@microsoft/teams-ai';
import type { Logger } from '../../lib/logger';
import type { Repositories } from '../../store/index';
import { whereOf } from '../activity-context';
import type { Texts } from '../../texts/i18n';

export interface InstallationDeps {
    repos: Repositories;
    logger: Logger;
    textsFor: (activity: Activity) => Texts;
}

const botWasAdded = (activity: Activity) => (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
const botWasRemoved = (activity: Activity) => (activity.membersRemoved ?? []).some((m) => m.id === activity.recipient?.id);

/**
 * Installation lifecycle: the bot added to or removed from a team, channels created, renamed or
 * deleted, the team renamed or deleted. The team's reference and channel list are kept current
 * so that proactive posts find their way after a restart.
 */
export function registerInstallationHandlers(app: Application<TurnState>, deps: InstallationDeps): void {
    const { repos, logger } = deps;

    app.conversationUpdate('membersAdded', async (context) => {
        if (!botWasAdded(context.activity)) return;
        const where = whereOf(context.activity);
        if (where.teamId) {
            await recordTeamInstallation(context, deps);
            logger.info({ teamId: where.teamId, tenantId: where.tenantId }, 'installed in team');
        }
        await context.sendActivity(deps.textsFor(context.activity).welcome);
    });

    app.activity('installationUpdate', async (context) => {
        const where = whereOf(context.activity);
        const action = String(context.activity.action ?? '').toLowerCase();
        if (!where.teamId) return;
        if (action.startsWith('remove')) {
            await repos.teams.markUninstalled(where.teamId);
            logger.info({ teamId: where.teamId }, 'uninstalled from team');
        } else if (action.startsWith('add')) {
            await recordTeamInstallation(context, deps);
        }
    });

    app.conversationUpdate('membersRemoved', async (context) => {
        const where = whereOf(context.activity);
        if (botWasRemoved(context.activity) && where.teamId) {
            await repos.teams.markUninstalled(where.teamId);
            logger.info({ teamId: where.teamId }, 'removed from team');
        }
    });

    app.conversationUpdate('teamDeleted', async (context) => {
        const where = whereOf(context.activity);
        if (where.teamId) await repos.teams.markUninstalled(where.teamId);
    });
    app.conversationUpdate('teamHardDeleted', async (context) => {
        const where = whereOf(context.activity);
        if (where.teamId) await repos.teams.markUninstalled(where.teamId);
    });
    app.conversationUpdate('teamRenamed', async (context) => {
        const where = whereOf(context.activity);
        if (where.teamId && where.teamName) await repos.teams.renameTeam(where.teamId, where.teamName);
    });

    const saveChannel = async (context: TurnContext) => {
        const where = whereOf(context.activity);
        if (where.teamId && where.channelId) {
            await repos.teams.saveChannel({ channelId: where.channelId, teamId: where.teamId, name: where.channelName ?? null });
        }
    };
    app.conversationUpdate('channelCreated', saveChannel);
    app.conversationUpdate('channelRenamed', async (context) => {
        await saveChannel(context);
        const where = whereOf(context.activity);
        // Every stream bound to the channel (it may receive WhatsApp and leads both) shows the new name.
        if (where.channelId && where.channelName) await repos.bindings.renameChannel(where.channelId, where.channelName);
    });
    app.conversationUpdate('channelRestored', saveChannel);
    app.conversationUpdate('channelDeleted', async (context) => {
        const where = whereOf(context.activity);
        if (!where.channelId) return;
        await repos.teams.deleteChannel(where.channelId);
        // A deleted channel cannot receive posts: its streams become unbound and show so in status.
        await repos.bindings.unbindChannel(where.channelId);
        logger.warn({ channelId: where.channelId }, 'bound channel deleted; its streams are unbound');
    });
}

/**
 * Stores the team's reference (service URL, tenant, bot id) and its channels. Also used by
 * `setup` when the app was installed before Deskbridge kept a record of it.
 */
export async function recordTeamInstallation(context: TurnContext, deps: Pick<InstallationDeps, 'repos' | 'logger'>): Promise<void> {
    const where = whereOf(context.activity);
    if (!where.teamId) return;
    const reference = TurnContext.getConversationReference(context.activity);
    // The team's reference points at the General channel, whose id is the team id.
    reference.conversation = { ...reference.conversation!, id: where.teamId, isGroup: true, conversationType: 'channel', tenantId: where.tenantId };
    delete reference.activityId;
    await deps.repos.teams.saveInstallation({
        teamId: where.teamId,
        tenantId: where.tenantId ?? null,
        name: where.teamName ?? null,
        aadGroupId: where.aadGroupId ?? null,
        serviceUrl: where.serviceUrl,
        reference
    });
    try {
        const channels = await TeamsInfo.getTeamChannels(context, where.teamId);
        await deps.repos.teams.replaceChannels(
            where.teamId,
            channels.filter((c) => !!c.id).map((c) => ({ channelId: c.id!, name: c.name ?? null }))
        );
    } catch (err) {
        // The roster is a convenience (names for status); the installation itself is recorded.
        deps.logger.warn({ err, teamId: where.teamId }, 'could not read the team channel list');
    }
}
