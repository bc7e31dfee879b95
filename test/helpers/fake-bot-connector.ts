import { enforce } from './contract';
import { BOT_CONNECTOR_CONTRACT } from './contracts/bot-connector';
import { HttpPeer, type RecordedRequest } from './http-peer';

export interface RosterMember {
    id: string;
    name: string;
    email?: string;
    userPrincipalName?: string;
    aadObjectId?: string;
}

/**
 * A fake Bot Connector (the Teams service URL): accepts new conversations (channel threads),
 * activities, replies and updates, answers roster and channel-list calls, and records it all.
 * Every request is checked against the Bot Connector's Swagger description; a mismatch is
 * answered 400 BadArgument and listed in `violations`.
 */
export class FakeBotConnector extends HttpPeer {
    /** Requests that did not match the Bot Connector's Swagger (see BOT_CONNECTOR_CONTRACT). */
    readonly violations: string[] = [];
    roster: RosterMember[] = [];
    channels: Array<{ id: string; name?: string }> = [];
    private nextId = 1;

    constructor() {
        super();
        enforce(this, BOT_CONNECTOR_CONTRACT, (problems) => ({ status: 400, body: { error: { code: 'BadArgument', message: problems[0] } } }));
        this.on('POST', '/v3/conversations', (req) => {
            const body = req.body as { channelData?: { channel?: { id?: string } } };
            const activityId = String(this.nextId++);
            return { status: 201, body: { id: `${body.channelData?.channel?.id ?? 'conv'};messageid=${activityId}`, activityId } };
        });
        this.on('POST', '/v3/conversations/:conversationId/activities', () => ({ status: 200, body: { id: String(this.nextId++) } }));
        this.on('POST', '/v3/conversations/:conversationId/activities/:activityId', () => ({ status: 200, body: { id: String(this.nextId++) } }));
        this.on('PUT', '/v3/conversations/:conversationId/activities/:activityId', (_req, p) => ({ status: 200, body: { id: p.activityId } }));
        this.on('GET', '/v3/conversations/:conversationId/members/:memberId', (_req, p) => {
            const member = this.roster.find((m) => m.id === p.memberId);
            return member ? { status: 200, body: member } : { status: 404, body: { error: { code: 'MemberNotFoundInConversation' } } };
        });
        this.on('GET', '/v3/teams/:teamId/conversations', () => ({ status: 200, body: { conversations: this.channels } }));
    }

    /** Activities the bot sent (new posts, replies and new threads), in order. */
    sent(): Array<{ request: RecordedRequest; activity: SentActivity }> {
        return this.requests
            .filter((r) => r.method === 'POST' && /^\/v3\/conversations(\/[^/]+\/activities(\/[^/]+)?)?$/.test(r.path))
            .map((r) => ({ request: r, activity: (r.path === '/v3/conversations' ? (r.body as { activity: SentActivity }).activity : r.body) as SentActivity }));
    }

    /** Texts of every sent activity, with card titles for card activities. */
    sentTexts(): string[] {
        return this.sent().map(({ activity }) => activity.text ?? JSON.stringify(activity.attachments ?? []));
    }
}

export interface SentActivity {
    type?: string;
    text?: string;
    attachments?: Array<{ contentType: string; content: unknown }>;
    conversation?: { id: string };
}
