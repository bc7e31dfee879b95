import assert from 'node:assert/strict';
import { TestAdapter, TurnContext, type Activity } from 'botbuilder';
import { AppTokenProvider } from '../../src/integrations/graph/app-token';
import { TeamOwners } from '../../src/integrations/graph/team-owners';
import { isAdmin } from '../../src/teams/admin-check';
import { HttpPeer } from '../helpers/http-peer';
import { enforce } from '../helpers/contract';
import { MICROSOFT_GRAPH_CONTRACT, MICROSOFT_LOGIN_CONTRACT } from '../helpers/contracts/microsoft-graph';

describe('admins: ADMIN_USERS or team owners (Microsoft Graph)', () => {
    let login: HttpPeer;
    let graph: HttpPeer;
    let owners: TeamOwners;

    before(async () => {
        login = await new HttpPeer().start();
        enforce(login, MICROSOFT_LOGIN_CONTRACT, () => ({ status: 400, body: { error: 'invalid_request' } }));
        login.on('POST', '/:tenant/oauth2/v2.0/token', (req) => {
            const form = new URLSearchParams(req.rawBody);
            if (form.get('client_secret') !== 'bot-secret' || form.get('grant_type') !== 'client_credentials') return { status: 401, body: { error: 'invalid_client' } };
            return { status: 200, body: { access_token: `token-for-${req.path.split('/')[1]}`, expires_in: 3600, token_type: 'Bearer' } };
        });
        graph = await new HttpPeer().start();
        enforce(graph, MICROSOFT_GRAPH_CONTRACT, (problems) => ({ status: 400, body: { error: { code: 'BadRequest', message: problems[0] } } }));
        graph.on('GET', '/v1.0/teams/:team/members', (req, p) => {
            if (req.headers.authorization !== 'Bearer token-for-tenant-1') return { status: 401, body: {} };
            const userId = /userId eq '([^']+)'/.exec(req.query.get('$filter') ?? '')?.[1];
            const members = [
                { userId: 'aad-owner', roles: ['owner'] },
                { userId: 'aad-member', roles: [] }
            ].filter((m) => m.userId === userId && p.team === 'group-1');
            return { status: 200, body: { value: members } };
        });
        owners = new TeamOwners(new AppTokenProvider({ clientId: 'bot', clientSecret: 'bot-secret', loginBaseUrl: login.url, graphBaseUrl: graph.url }), graph.url);
    });
    after(async () => {
        await login.stop();
        await graph.stop();
    });

    const contextFrom = (aadObjectId: string) =>
        new TurnContext(new TestAdapter(), {
            type: 'message',
            from: { id: `29:${aadObjectId}`, name: aadObjectId, aadObjectId },
            conversation: { id: '19:c@thread.tacv2', isGroup: true, conversationType: 'channel', name: '' },
            channelData: { team: { id: '19:t@thread.tacv2', aadGroupId: 'group-1' }, tenant: { id: 'tenant-1' } }
        } as Activity);

    it('recognises a team owner through Graph, and not a plain member', async () => {
        assert.equal(await owners.isOwner('tenant-1', 'group-1', 'aad-owner'), true);
        assert.equal(await owners.isOwner('tenant-1', 'group-1', 'aad-member'), false);
        const policy = { adminUsers: [], everyoneIsAdmin: false, isTeamOwner: owners.isOwner.bind(owners) };
        assert.equal(await isAdmin(contextFrom('aad-owner'), policy), true);
        assert.equal(await isAdmin(contextFrom('aad-member'), policy), false);
        assert.equal(login.requests.length, 1, 'the token is cached');
    });

    it('accepts ADMIN_USERS by object id without asking Graph, and refuses when Graph cannot answer', async () => {
        const before = graph.requests.length;
        assert.equal(await isAdmin(contextFrom('aad-listed'), { adminUsers: ['aad-listed'], everyoneIsAdmin: false, isTeamOwner: owners.isOwner.bind(owners) }), true);
        assert.equal(graph.requests.length, before);
        const broken = new TeamOwners(new AppTokenProvider({ clientId: 'bot', clientSecret: 'wrong', loginBaseUrl: login.url, graphBaseUrl: graph.url }), graph.url);
        assert.equal(await isAdmin(contextFrom('aad-owner'), { adminUsers: [], everyoneIsAdmin: false, isTeamOwner: broken.isOwner.bind(broken) }), false);
    });
});
