import type { Activity, CloudAdapter, ConversationReference, TurnContext } from 'botbuilder';
import type { ConnectorClient } from 'botframework-connector';
import type { ChannelBinding } from '../store/channel-bindings-repo';
import type { TeamsRepo } from '../store/teams-repo';
import type { ThreadRef } from '../store/threads-repo';

export type { ThreadRef };

/** Raised when a destination cannot be reached at all (team uninstalled, channel unknown). */
export class DestinationError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'DestinationError';
    }
}

/**
 * Posts to Teams without an incoming turn: start a thread in a bound channel, reply in it, update
 * its root card. Everything is rebuilt from stored references, so it works after a restart.
 */
export class TeamsMessenger {
    constructor(
        private readonly adapter: CloudAdapter,
        private readonly teams: TeamsRepo,
        /** BOT_ID; in local anonymous mode the bot id seen on installation is used instead. */
        private readonly configuredBotId: string | undefined
    ) {}

    /** Starts a new thread in the bound channel with `activity` as its root. */
    async startThread(binding: Pick<ChannelBinding, 'teamId' | 'channelId'>, activity: Partial<Activity>): Promise<ThreadRef> {
        const team = await this.teams.getTeam(binding.teamId);
        if (!team || !team.installed) throw new DestinationError(`Deskbridge is not installed in team ${binding.teamId}`);
        const reference = team.reference as Partial<ConversationReference>;
        const botId = this.botIdFor(reference);
        let created: ThreadRef | undefined;
        await this.inConversation(botId, reference, async (context) => {
            // The documented "create conversation" call with a channel: Teams starts a new thread
            // and answers its id, `19:…@thread.tacv2;messageid=<root message id>`.
            const response = await outboundConnector(context).conversations.createConversation({
                isGroup: true,
                channelData: { channel: { id: binding.channelId } },
                activity: { type: 'message', ...activity } as Activity,
                bot: { id: botId, name: '' },
                tenantId: team.tenantId ?? undefined,
                members: []
            });
            const conversationId = response.id ?? '';
            const rootActivityId = /;messageid=(.+)$/.exec(conversationId)?.[1] ?? response.activityId;
            if (!conversationId || !rootActivityId) throw new Error('Teams did not return the new thread id');
            created = {
                conversationId: conversationId.includes(';messageid=') ? conversationId : `${conversationId};messageid=${rootActivityId}`,
                rootActivityId,
                serviceUrl: team.serviceUrl,
                tenantId: team.tenantId,
                teamId: binding.teamId,
                channelId: binding.channelId
            };
        });
        if (!created) throw new Error('Teams did not return the new thread');
        return created;
    }

    /** Posts `activity` as a reply in the thread; returns the new activity id. */
    async replyInThread(thread: ThreadRef, activity: Partial<Activity>): Promise<string> {
        let id = '';
        await this.inConversation(await this.botIdOfThread(thread), this.threadReference(thread), async (context) => {
            outboundConnector(context);
            const response = await context.sendActivity(activity);
            id = response?.id ?? '';
        });
        return id;
    }

    /** Replaces the content of an activity already posted in the thread (typically the root card). */
    async updateActivity(thread: ThreadRef, activityId: string, activity: Partial<Activity>): Promise<void> {
        await this.inConversation(await this.botIdOfThread(thread), this.threadReference(thread), async (context) => {
            outboundConnector(context);
            await context.updateActivity({ ...activity, id: activityId, type: activity.type ?? 'message', conversation: context.activity.conversation });
        });
    }

    /**
     * Runs `logic` in a proactive turn and rethrows its failure: the adapter would otherwise hand
     * it to `onTurnError`, and the outbox would believe the send succeeded.
     */
    private async inConversation(botId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
        let failure: { error: unknown } | undefined;
        await this.adapter.continueConversationAsync(botId, reference, async (context) => {
            try {
                await logic(context);
            } catch (error) {
                failure = { error };
            }
        });
        if (failure) throw failure.error;
    }

    /** BOT_ID; only in local anonymous mode is the team's stored reference read for it. */
    private async botIdOfThread(thread: ThreadRef): Promise<string> {
        if (this.configuredBotId) return this.configuredBotId;
        const team = await this.teams.getTeam(thread.teamId);
        return this.botIdFor((team?.reference as Partial<ConversationReference> | undefined) ?? {});
    }

    private threadReference(thread: ThreadRef): Partial<ConversationReference> {
        return {
            channelId: 'msteams',
            serviceUrl: thread.serviceUrl,
            conversation: { id: thread.conversationId, isGroup: true, conversationType: 'channel', tenantId: thread.tenantId ?? undefined, name: '' },
            activityId: thread.rootActivityId
        };
    }

    private botIdFor(reference: Partial<ConversationReference>): string {
        const id = this.configuredBotId || reference.bot?.id;
        // The SDK needs a non-empty bot id to create channel conversations (Teams docs).
        if (!id) throw new DestinationError('No bot id known: set BOT_ID, or install the app in the team again');
        return id;
    }
}

interface PipelineOwner {
    client?: { pipeline?: { removePolicy(options: { phase?: string }): unknown } };
}

/**
 * The turn's connector client with the SDK's own retry policy removed: retries, backoff and
 * Retry-After are the outbox's job, and a hidden retry would double-send and hide 429s from the
 * rate-limit metrics. (Test `teams-send` asserts that a 429 reaches the outbox as one request.)
 */
export function outboundConnector(context: TurnContext): ConnectorClient {
    const adapter = context.adapter as CloudAdapter;
    const connector = context.turnState.get<ConnectorClient>(adapter.ConnectorClientKey);
    if (!connector) throw new Error('no connector client in the turn');
    // `client` is private in the typings: reach the pipeline through a structural view.
    (connector as unknown as PipelineOwner).client?.pipeline?.removePolicy({ phase: 'Retry' });
    return connector;
}
