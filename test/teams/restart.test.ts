import assert from 'node:assert/strict';
import { SUPPORT_CHANNEL_ID, TEAM_ID, botAddedToTeam, channelMention } from '../helpers/activities';
import { FakeBotConnector } from '../helpers/fake-bot-connector';
import { post } from '../helpers/post';
import { startTestApp, tempSqliteUrl, type TestApp } from '../helpers/start-app';

describe('after a restart', () => {
    let connector: FakeBotConnector;
    let app: TestApp | undefined;

    beforeEach(async () => {
        connector = await new FakeBotConnector().start();
        connector.channels = [{ id: TEAM_ID }, { id: SUPPORT_CHANNEL_ID, name: 'Support Queue' }];
    });
    afterEach(async () => {
        await app?.stop();
        await connector.stop();
    });

    it('keeps bindings and references: a new thread, a reply and a card update reach the bound channel', async () => {
        const databaseUrl = tempSqliteUrl();
        app = await startTestApp({ DATABASE_URL: databaseUrl });
        await post(`${app.url}/api/messages`, botAddedToTeam(connector.url));
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'setup intercom'));
        await app.stop();

        app = await startTestApp({ DATABASE_URL: databaseUrl });
        const binding = await app.repos.bindings.get('intercom');
        assert.ok(binding, 'the binding survived the restart');
        const thread = await app.bot.messenger.startThread(binding, { text: 'New conversation: Maria Souza' });
        assert.equal(thread.conversationId, `${SUPPORT_CHANNEL_ID};messageid=${thread.rootActivityId}`);
        await app.bot.messenger.replyInThread(thread, { text: 'Customer: hello?' });
        await app.bot.messenger.updateActivity(thread, thread.rootActivityId, { text: 'New conversation: Maria Souza (assigned)' });

        const create = connector.requests.find((r) => r.method === 'POST' && r.path === '/v3/conversations');
        assert.deepEqual((create?.body as { channelData: unknown }).channelData, { channel: { id: SUPPORT_CHANNEL_ID } });
        assert.equal((create?.body as { activity: { text: string } }).activity.text, 'New conversation: Maria Souza');
        const reply = connector.requests.find((r) => r.method === 'POST' && r.path.startsWith(`/v3/conversations/${thread.conversationId}/activities`));
        assert.equal((reply?.body as { text: string }).text, 'Customer: hello?');
        const update = connector.requests.find((r) => r.method === 'PUT');
        assert.equal(update?.path, `/v3/conversations/${thread.conversationId}/activities/${thread.rootActivityId}`);
        assert.equal((update?.body as { text: string }).text, 'New conversation: Maria Souza (assigned)');
    });

    it('refuses to post into a team the app was removed from', async () => {
        app = await startTestApp();
        await assert.rejects(app.bot.messenger.startThread({ teamId: 'unknown-team', channelId: 'c' }, { text: 'x' }), /not installed/);
    });
});
