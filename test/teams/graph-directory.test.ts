import assert from 'node:assert/strict';
import { AppTokenProvider, graphScope } from '../../src/integrations/graph/app-token';
import { GraphDirectory, GraphPermissionError } from '../../src/integrations/graph/directory';
import { HttpPeer } from '../helpers/http-peer';
import { enforce } from '../helpers/contract';
import { MICROSOFT_GRAPH_CONTRACT, MICROSOFT_LOGIN_CONTRACT } from '../helpers/contracts/microsoft-graph';

describe('Microsoft Graph with the bot credentials (fake Graph on 127.0.0.1)', () => {
    let login: HttpPeer;
    let graph: HttpPeer;
    let directory: GraphDirectory;

    before(async () => {
        login = await new HttpPeer().start();
        enforce(login, MICROSOFT_LOGIN_CONTRACT, () => ({ status: 400, body: { error: 'invalid_request' } }));
        login.on('POST', '/:tenant/oauth2/v2.0/token', () => ({ status: 200, body: { access_token: 'graph-token', expires_in: 3600, token_type: 'Bearer' } }));
        graph = await new HttpPeer().start();
        enforce(graph, MICROSOFT_GRAPH_CONTRACT, (problems) => ({ status: 400, body: { error: { code: 'BadRequest', message: problems[0] } } }));
        graph.on('GET', '/v1.0/users/:id', (req, p) => {
            if (req.headers.authorization !== 'Bearer graph-token') return { status: 401, body: {} };
            if (p.id === 'aad-nomail') return { status: 200, body: { mail: null, userPrincipalName: 'Diego@Contoso.onmicrosoft.com' } };
            if (p.id === 'aad-ana') return { status: 200, body: { mail: 'Ana.Lima@contoso.com', userPrincipalName: 'ana@contoso.onmicrosoft.com' } };
            return { status: 404, body: { error: { code: 'Request_ResourceNotFound' } } };
        });
        graph.on('POST', '/v1.0/teams/:group/channels', (req, p) => {
            if (p.group === 'group-no-consent') return { status: 403, body: { error: { code: 'Forbidden', message: 'Missing role permissions' } } };
            const body = req.body as { displayName: string; membershipType: string };
            return { status: 201, body: { id: '19:new-channel@thread.tacv2', displayName: body.displayName, membershipType: body.membershipType } };
        });
        directory = new GraphDirectory(new AppTokenProvider({ clientId: 'bot', clientSecret: 'secret', loginBaseUrl: login.url, graphBaseUrl: graph.url }), graph.url);
    });
    after(async () => {
        await login.stop();
        await graph.stop();
    });

    it("finds a user's email when the Teams roster has none: mail, else UPN, else nothing", async () => {
        assert.equal(await directory.emailOf('tenant-1', 'aad-ana'), 'ana.lima@contoso.com');
        assert.equal(await directory.emailOf('tenant-1', 'aad-nomail'), 'diego@contoso.onmicrosoft.com');
        assert.equal(await directory.emailOf('tenant-1', 'aad-unknown'), null);
        assert.match(String(graph.requests.find((r) => r.path === '/v1.0/users/aad-ana')?.query.get('$select')), /mail,userPrincipalName/);
        // The token is asked for the Graph host in use (national clouds have their own).
        assert.equal(new URLSearchParams(login.requests[0]!.rawBody).get('scope'), `${graph.url}/.default`);
        assert.equal(graphScope('https://graph.microsoft.us/v1.0'), 'https://graph.microsoft.us/.default');
    });

    it('creates a standard channel, and says what to grant when the app has no consent', async () => {
        assert.deepEqual(await directory.createChannel('tenant-1', 'group-1', 'Customer Support'), { id: '19:new-channel@thread.tacv2', displayName: 'Customer Support' });
        const created = graph.requests.find((r) => r.method === 'POST' && r.path === '/v1.0/teams/group-1/channels');
        assert.deepEqual(created?.body, { displayName: 'Customer Support', description: 'Created by Deskbridge', membershipType: 'standard' });
        await assert.rejects(directory.createChannel('tenant-1', 'group-no-consent', 'Sales'), (err: unknown) => err instanceof GraphPermissionError && /Channel\.Create\.Group/.test((err as Error).message));
    });
});
