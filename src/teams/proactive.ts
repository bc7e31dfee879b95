import { ActivityEx, TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
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
    /**
     * Connector clients by bot and service URL, each made once by the SDK in a proactive turn and
     * reused: a turn builds a connector, its HTTP pipeline and a user-token client, which cost more
     * CPU than the send itself (a backlog at the 30/s tenant cap spent a third of its time there).
     * A client's credentials fetch and refresh their tokens per request, so it does not go stale.
     */
    private readonly connectors = new Map<string, Promise<ConnectorClient>>();

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
        const reference = this.threadReference(thread);
        const connector = await this.connectorFor(await this.botIdOfThread(thread), reference);
        // What TurnContext.sendActivity does: the turn's reference applied (a reply to the root).
        const outgoing = TurnContext.applyConversationReference({ ...activity, type: activity.type ?? 'message' }, TurnContext.getConversationReference(ActivityEx.getContinuationActivity(reference)));
        delete outgoing.id;
        const response = outgoing.replyToId
            ? await connector.conversations.replyToActivity(outgoing.conversation!.id, outgoing.replyToId, outgoing as Activity)
            : await connector.conversations.sendToConversation(outgoing.conversation!.id, outgoing as Activity);
        return response?.id ?? '';
    }

    /** Replaces the content of an activity already posted in the thread (typically the root card). */
    async updateActivity(thread: ThreadRef, activityId: string, activity: Partial<Activity>): Promise<void> {
        const reference = this.threadReference(thread);
        const connector = await this.connectorFor(await this.botIdOfThread(thread), reference);
        const outgoing = TurnContext.applyConversationReference({ ...activity, id: activityId, type: activity.type ?? 'message' }, TurnContext.getConversationReference(ActivityEx.getContinuationActivity(reference)));
        await connector.conversations.updateActivity(outgoing.conversation!.id, activityId, outgoing as Activity);
    }

    /** The connector for a bot and service URL: the SDK's own, from a first proactive turn. */
    private connectorFor(botId: string, reference: Partial<ConversationReference>): Promise<ConnectorClient> {
        const key = `${botId}|${reference.serviceUrl ?? ''}`;
        let connector = this.connectors.get(key);
        if (!connector) {
            connector = (async () => {
                let made: ConnectorClient | undefined;
                await this.inConversation(botId, reference, async (context) => {
                    made = outboundConnector(context);
                });
                if (!made) throw new Error('Teams gave no connector for the turn');
                return made;
            })();
            // A failed creation (credentials refused) is not kept: the next send tries again.
            connector.catch(() => this.connectors.delete(key));
            this.connectors.set(key, connector);
        }
        return connector;
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
