import assert from 'node:assert/strict';
import { listDeadLetters } from '../../src/outbox/job-store';
import { channelMention } from '../helpers/activities';
import type { FakeBotConnector } from '../helpers/fake-bot-connector';
import { HttpPeer } from '../helpers/http-peer';
import { INTERCOM_SECRET, intercomFixture, postIntercom } from '../helpers/intercom';
import { post } from '../helpers/post';
import type { TestApp } from '../helpers/start-app';
import { eventually, installedApp , nothingDue } from '../helpers/teams-scenario';

describe('Intercom admin and team names on the card', function () {
    this.timeout(30000);
    let app: TestApp;
    let connector: FakeBotConnector;
    let intercom: HttpPeer;

    beforeEach(async () => {
        intercom = await new HttpPeer().start();
        intercom.on('GET', '/admins', () => ({ status: 200, body: { type: 'admin.list', admins: [{ type: 'admin', id: '3156780', name: 'Ana Lima', email: 'ana@contoso.com' }] } }));
        intercom.on('GET', '/teams', () => ({ status: 200, body: { type: 'team.list', teams: [{ type: 'team', id: '5017691', name: 'Billing' }] } }));
        ({ app, connector } = await installedApp({ INTERCOM_CLIENT_SECRET: INTERCOM_SECRET, INTERCOM_ACCESS_TOKEN: 'intercom-token', INTERCOM_API_BASE_URL: intercom.url }));
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'setup intercom'));
    });
    afterEach(async () => {
        await app.stop();
        await connector.stop();
        await intercom.stop();
    });

    const settled = () => nothingDue(app);

    it('shows the assignee and team by name, asking Intercom with the documented headers once', async () => {
        await postIntercom(app.url, intercomFixture('conversation.user.created'));
        await postIntercom(app.url, intercomFixture('conversation.admin.assigned'));
        await eventually(settled, 'delivered');
        const update = connector.requests.find((r) => r.method === 'PUT');
        assert.match(JSON.stringify(update?.body), /"title":"Assignee","value":"Ana Lima"\},\{"title":"Team","value":"Billing"/);
        for (const r of intercom.requests) {
            assert.equal(r.headers.authorization, 'Bearer intercom-token');
            assert.equal(r.headers['intercom-version'], '2.14');
            assert.match(String(r.headers.accept), /application\/json/);
        }
        assert.deepEqual(intercom.requests.map((r) => r.path).sort(), ['/admins', '/teams'], 'fetched once, then cached');
    });

    it('falls back to ids when Intercom cannot be asked, and still mirrors the conversation', async () => {
        intercom.queueReplies(...Array.from({ length: 4 }, () => ({ status: 500 })));
        await postIntercom(app.url, intercomFixture('conversation.user.created'));
        await postIntercom(app.url, intercomFixture('conversation.admin.assigned'));
        await eventually(settled, 'delivered');
        const update = connector.requests.find((r) => r.method === 'PUT');
        assert.match(JSON.stringify(update?.body), /"title":"Assignee","value":"#3156780"\},\{"title":"Team","value":"#5017691"/);
        assert.equal((await listDeadLetters(app.repos.db.kysely)).length, 0);
        assert.doesNotMatch(app.logs.join('\n'), /intercom-token/, 'the token never reaches the logs');
    });
});
