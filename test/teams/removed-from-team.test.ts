import assert from 'node:assert/strict';
import { listDeadLetters } from '../../src/outbox/job-store';
import { TEAM_ID, channelMention } from '../helpers/activities';
import type { FakeBotConnector } from '../helpers/fake-bot-connector';
import { INTERCOM_SECRET, intercomFixture, postIntercom } from '../helpers/intercom';
import { post } from '../helpers/post';
import type { TestApp } from '../helpers/start-app';
import { eventually, installedApp, nothingDue } from '../helpers/teams-scenario';

/**
 * Microsoft's status codes for bot conversational APIs: 403 BotNotInConversationRoster (the app
 * was removed) and 404 ConversationNotFound are not to be retried.
 */
describe('Teams says the bot is gone', function () {
    this.timeout(30000);
    let app: TestApp;
    let connector: FakeBotConnector;

    beforeEach(async () => {
        ({ app, connector } = await installedApp({ INTERCOM_CLIENT_SECRET: INTERCOM_SECRET }));
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'setup intercom'));
    });
    afterEach(async () => {
        await app.stop();
        await connector.stop();
    });

    const threadPosts = () => connector.requests.filter((r) => r.method === 'POST' && r.path === '/v3/conversations').length;

    it('marks the team uninstalled on 403 BotNotInConversationRoster, stops calling Teams for it, and says so', async () => {
        connector.on('POST', '/v3/conversations', () => ({ status: 403, body: { error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } } }));
        await postIntercom(app.url, intercomFixture('conversation.user.created'));
        await eventually(() => nothingDue(app), 'settled');
        const dead = (await listDeadLetters(app.repos.db.kysely)).find((d) => d.kind === 'teams.start_thread');
        assert.match(dead!.lastError ?? '', /403 BotNotInConversationRoster: Deskbridge was removed from team/);
        assert.equal(dead!.attempts, 1, 'not retried');
        assert.equal((await app.repos.teams.getTeam(TEAM_ID))?.installed, false);
        const before = threadPosts();
        await postIntercom(app.url, { ...intercomFixture('conversation.user.created'), id: 'notif_2', data: { item: { ...intercomFixture('conversation.user.created').data.item, id: '77' } } });
        await eventually(() => nothingDue(app), 'second delivery settled');
        assert.equal(threadPosts(), before, 'no further call to Teams for a team it was removed from');
        assert.ok((await listDeadLetters(app.repos.db.kysely)).some((d) => /no longer installed in team/.test(d.lastError ?? '')));
        // The status card says so next to the binding.
        connector.on('POST', '/v3/conversations/:conversationId/activities', () => ({ status: 200, body: { id: 'x' } }));
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'status'));
        assert.match(JSON.stringify(connector.sent().at(-1)!.activity.attachments), /⛔ .* · Deskbridge is no longer in this team/);
    });

    it('drops a channel that Teams no longer knows (404 ConversationNotFound), with its binding', async () => {
        connector.on('POST', '/v3/conversations', () => ({ status: 404, body: { error: { code: 'ConversationNotFound', message: 'Conversation not found.' } } }));
        await postIntercom(app.url, intercomFixture('conversation.user.created'));
        await eventually(() => nothingDue(app), 'settled');
        assert.ok((await listDeadLetters(app.repos.db.kysely)).some((d) => /404 ConversationNotFound: channel .* no longer exists: bind another/.test(d.lastError ?? '')));
        assert.equal(await app.repos.bindings.get('intercom'), undefined);
    });
});
