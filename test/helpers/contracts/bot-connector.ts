import { z } from 'zod/v4';
import { Contract } from '../contract';

/**
 * The Bot Connector REST API v3, from its Swagger description (botframework-sdk, "ConnectorAPI",
 * definitions `ConversationParameters`, `Activity`, `ChannelAccount`, `ConversationAccount`,
 * `Attachment`, `Entity`, `Mention`) and the Teams extension (`/v3/teams/{teamId}/conversations`,
 * "Get channels of a team"): create a conversation, send to a conversation, reply to an
 * activity, update an activity, get a conversation member, and the team's channel list.
 */
const channelAccount = z.object({ id: z.string().min(1), name: z.string().optional(), aadObjectId: z.string().optional(), role: z.string().optional() }).passthrough();
const attachment = z.object({ contentType: z.string().min(1), content: z.unknown().optional(), contentUrl: z.string().optional(), name: z.string().optional() }).passthrough();
const mention = z.object({ type: z.literal('mention'), mentioned: channelAccount, text: z.string().regex(/^<at>[^<>]*<\/at>$/, 'a mention\'s text is <at>Name</at>') }).passthrough();
const entity = z.union([mention, z.object({ type: z.string().min(1).refine((t) => t !== 'mention', 'mention entity malformed') }).passthrough()]);
const activity = z
    .object({
        type: z.enum(['message', 'contactRelationUpdate', 'conversationUpdate', 'typing', 'endOfConversation', 'event', 'invoke', 'deleteUserData', 'messageUpdate', 'messageDelete', 'installationUpdate', 'messageReaction', 'suggestion', 'trace', 'handoff', 'command', 'commandResult', 'invokeResponse']),
        id: z.string().optional(),
        text: z.string().optional(),
        textFormat: z.enum(['markdown', 'plain', 'xml']).optional(),
        summary: z.string().optional(),
        attachments: z.array(attachment).optional(),
        attachmentLayout: z.enum(['list', 'carousel']).optional(),
        entities: z.array(entity).optional(),
        from: channelAccount.optional(),
        recipient: channelAccount.optional(),
        conversation: z.object({ id: z.string().min(1) }).passthrough().optional(),
        replyToId: z.string().optional(),
        channelData: z.record(z.string(), z.unknown()).optional()
    })
    .passthrough()
    .superRefine((a, ctx) => {
        // Teams: the text of every mention entity must appear in the message text.
        for (const e of a.entities ?? []) if (e.type === 'mention' && !(a.text ?? '').includes(String((e as { text?: string }).text))) ctx.addIssue({ code: 'custom', path: ['entities'], message: 'a mention whose <at> text is not in the message' });
        if (a.type === 'message' && !a.text && !(a.attachments?.length ?? 0)) ctx.addIssue({ code: 'custom', path: ['text'], message: 'a message with neither text nor attachments' });
    });
const conversationId = /^[^/]+$/;

export const BOT_CONNECTOR_CONTRACT = new Contract('Bot Connector API v3 (ConnectorAPI Swagger) with the Teams extension', [
    {
        name: 'CreateConversation',
        method: 'POST',
        path: '/v3/conversations',
        body: z
            .object({
                isGroup: z.boolean().optional(),
                bot: channelAccount.optional(),
                members: z.array(channelAccount).optional(),
                topicName: z.string().optional(),
                tenantId: z.string().optional(),
                activity: activity.optional(),
                channelData: z.object({ channel: z.object({ id: z.string().min(1) }).passthrough().optional(), tenant: z.object({ id: z.string() }).passthrough().optional() }).passthrough().optional()
            })
            .passthrough()
    },
    { name: 'SendToConversation', method: 'POST', path: '/v3/conversations/:conversationId/activities', params: { conversationId }, body: activity },
    { name: 'ReplyToActivity', method: 'POST', path: '/v3/conversations/:conversationId/activities/:activityId', params: { conversationId }, body: activity },
    { name: 'UpdateActivity', method: 'PUT', path: '/v3/conversations/:conversationId/activities/:activityId', params: { conversationId }, body: activity },
    { name: 'GetConversationMember', method: 'GET', path: '/v3/conversations/:conversationId/members/:memberId', params: { conversationId } },
    { name: 'GetConversationMembers', method: 'GET', path: '/v3/conversations/:conversationId/members', params: { conversationId } },
    { name: 'Teams: get the channels of a team', method: 'GET', path: '/v3/teams/:teamId/conversations' }
]);
