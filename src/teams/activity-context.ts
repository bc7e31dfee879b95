import type { Activity } from 'botbuilder';

/** Where an activity happened, read from Teams' channelData. */
export interface TeamsWhere {
    conversationType: string;
    conversationId: string;
    teamId?: string;
    teamName?: string;
    aadGroupId?: string;
    channelId?: string;
    channelName?: string;
    tenantId?: string;
    serviceUrl: string;
}

interface TeamsChannelData {
    team?: { id?: string; name?: string; aadGroupId?: string };
    channel?: { id?: string; name?: string };
    tenant?: { id?: string };
    eventType?: string;
}

/** The Teams channelData of an activity, typed loosely: Teams omits fields freely. */
export function channelDataOf(activity: Partial<Activity>): TeamsChannelData {
    return (activity.channelData ?? {}) as TeamsChannelData;
}

/** Reads team, channel and tenant of an activity. */
export function whereOf(activity: Partial<Activity>): TeamsWhere {
    const data = channelDataOf(activity);
    const conversation = activity.conversation;
    return {
        conversationType: conversation?.conversationType ?? (data.channel?.id ? 'channel' : 'personal'),
        conversationId: conversation?.id ?? '',
        teamId: data.team?.id,
        teamName: data.team?.name,
        aadGroupId: data.team?.aadGroupId,
        channelId: data.channel?.id,
        channelName: data.channel?.name,
        tenantId: data.tenant?.id ?? conversation?.tenantId,
        serviceUrl: activity.serviceUrl ?? ''
    };
}

/** The channel conversation id without the `;messageid=…` suffix of a reply chain. */
export function channelOfConversation(conversationId: string): string {
    return conversationId.split(';')[0]!;
}
