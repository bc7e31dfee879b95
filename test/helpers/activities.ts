/** Teams activities as Teams (or the Playground) posts them to `/api/messages`. */

export const BOT_ID = '28:deskbridge-bot';
export const TENANT_ID = 'tenant-1';
export const TEAM_ID = '19:team-general@thread.tacv2';
export const SUPPORT_CHANNEL_ID = '19:support-queue@thread.tacv2';

let seq = 0;

interface Sender {
    id: string;
    name: string;
    aadObjectId?: string;
}

export const ALEX: Sender = { id: 'user-alex', name: 'Alex Wilber', aadObjectId: 'aad-alex' };
export const MEGAN: Sender = { id: 'user-megan', name: 'Megan Bowen', aadObjectId: 'aad-megan' };

function base(serviceUrl: string, conversationId: string, conversationType: string) {
    return {
        id: `act-${++seq}`,
        timestamp: new Date().toISOString(),
        channelId: 'msteams',
        serviceUrl,
        recipient: { id: BOT_ID, name: 'Deskbridge' },
        conversation: { id: conversationId, conversationType, tenantId: TENANT_ID, isGroup: conversationType !== 'personal' }
    };
}

const teamData = (channelId: string, channelName?: string) => ({
    team: { id: TEAM_ID, name: 'Support Team', aadGroupId: 'group-1' },
    channel: { id: channelId, ...(channelName ? { name: channelName } : {}) },
    tenant: { id: TENANT_ID }
});

/** `@Deskbridge <text>` posted at the root of a channel. */
export function channelMention(serviceUrl: string, text: string, options: { from?: Sender; channelId?: string; locale?: string } = {}) {
    const channelId = options.channelId ?? SUPPORT_CHANNEL_ID;
    const mention = '<at>Deskbridge</at>';
    // A new root post: Teams ends its conversation id with its own message id.
    const root = base(serviceUrl, channelId, 'channel');
    root.conversation.id = `${channelId};messageid=${root.id}`;
    return {
        ...root,
        type: 'message',
        text: `${mention} ${text}`,
        textFormat: 'plain',
        locale: options.locale ?? 'en-US',
        from: options.from ?? ALEX,
        entities: [{ type: 'mention', text: mention, mentioned: { id: BOT_ID, name: 'Deskbridge' } }],
        channelData: teamData(channelId)
    };
}

/** A one-on-one message to the bot. */
export function personalMessage(serviceUrl: string, text: string, options: { from?: Sender; locale?: string } = {}) {
    return { ...base(serviceUrl, 'a:personal-1', 'personal'), type: 'message', text, locale: options.locale ?? 'en-US', from: options.from ?? ALEX, channelData: { tenant: { id: TENANT_ID } } };
}

/** The bot added to the team (Teams sends a conversationUpdate in the General channel). */
export function botAddedToTeam(serviceUrl: string) {
    return {
        ...base(serviceUrl, TEAM_ID, 'channel'),
        type: 'conversationUpdate',
        from: ALEX,
        membersAdded: [{ id: BOT_ID }],
        channelData: { ...teamData(TEAM_ID), eventType: 'teamMemberAdded' }
    };
}

/** The bot removed from the team. */
export function botRemovedFromTeam(serviceUrl: string) {
    return {
        ...base(serviceUrl, TEAM_ID, 'channel'),
        type: 'conversationUpdate',
        from: ALEX,
        membersRemoved: [{ id: BOT_ID }],
        channelData: { ...teamData(TEAM_ID), eventType: 'teamMemberRemoved' }
    };
}

/** A channel event (channelCreated, channelRenamed, channelDeleted). */
export function channelEvent(serviceUrl: string, eventType: 'channelCreated' | 'channelRenamed' | 'channelDeleted', channelId: string, channelName?: string) {
    return { ...base(serviceUrl, TEAM_ID, 'channel'), type: 'conversationUpdate', from: ALEX, channelData: { ...teamData(channelId, channelName), eventType } };
}

/** A reply typed in a channel thread (no @mention: the bot reads it through RSC). */
export function threadReply(serviceUrl: string, threadConversationId: string, text: string, options: { from?: Sender; locale?: string; timeZone?: string } = {}) {
    const channelId = threadConversationId.split(';')[0]!;
    const rootId = /;messageid=(.+)$/.exec(threadConversationId)?.[1];
    return {
        ...base(serviceUrl, threadConversationId, 'channel'),
        type: 'message',
        text,
        textFormat: 'plain',
        replyToId: rootId,
        locale: options.locale ?? 'en-US',
        localTimezone: options.timeZone,
        from: options.from ?? ALEX,
        channelData: teamData(channelId)
    };
}

/** An Action.Execute press on the card at the root of a thread (`adaptiveCard/action` invoke). */
export function cardAction(serviceUrl: string, threadConversationId: string, verb: string, data: Record<string, unknown>, options: { from?: Sender; timeZone?: string } = {}) {
    const channelId = threadConversationId.split(';')[0]!;
    return {
        ...base(serviceUrl, threadConversationId, 'channel'),
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: /;messageid=(.+)$/.exec(threadConversationId)?.[1],
        locale: 'en-US',
        localTimezone: options.timeZone,
        from: options.from ?? ALEX,
        value: { action: { type: 'Action.Execute', verb, data: { verb, ...data } }, trigger: 'manual' },
        channelData: teamData(channelId)
    };
}
