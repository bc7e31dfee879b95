import assert from 'node:assert/strict';
import { ALEX, MEGAN, channelMention, threadReply } from '../helpers/activities';
import type { FakeBotConnector } from '../helpers/fake-bot-connector';
import { FakeIntercom } from '../helpers/fake-intercom';
import { INTERCOM_SECRET, intercomFixture, postIntercom } from '../helpers/intercom';
import { post } from '../helpers/post';
import type { TestApp } from '../helpers/start-app';
import { eventually, installedApp, nothingDue } from '../helpers/teams-scenario';

describe('identities: whoami and admin links', function () {
    this.timeout(30000);
    let app: TestApp;
    let connector: FakeBotConnector;
    let intercom: FakeIntercom;

    const say = (text: string, from = ALEX, extraMentions: Array<{ id: string; name: string }> = []) => {
        const activity = channelMention(connector.url, text, { from });
        activity.entities.push(...extraMentions.map((m) => ({ type: 'mention', text: `<at>${m.name}</at>`, mentioned: { id: m.id, name: m.name } })));
        return post(`${app.url}/api/messages`, activity);
    };

    beforeEach(async () => {
        intercom = await new FakeIntercom().start();
        intercom.addConversation(intercomFixture('conversation.user.created').data.item);
        ({ app, connector } = await installedApp({ INTERCOM_CLIENT_SECRET: INTERCOM_SECRET, INTERCOM_ACCESS_TOKEN: 'intercom-token', INTERCOM_API_BASE_URL: intercom.url, ADMIN_USERS: 'ana@contoso.com' }));
        connector.roster = [
            { id: ALEX.id, name: 'Ana Lima', email: 'ana@contoso.com', aadObjectId: ALEX.aadObjectId },
            { id: MEGAN.id, name: 'Megan Bowen', email: 'megan.b@contoso.com', aadObjectId: MEGAN.aadObjectId }
        ];
        await say('setup intercom');
    });
    afterEach(async () => {
        await app.stop();
        await Promise.all([connector.stop(), intercom.stop()]);
        assert.deepEqual(intercom.violations, []);
    });

    it('tells a user who they are in Intercom (matched by email) and Kommo', async () => {
        await say('whoami');
        const answer = connector.sentTexts().at(-1) ?? '';
        assert.match(answer, /\*\*Ana Lima\*\* · ana@contoso\.com/);
        assert.match(answer, /Intercom: Ana Lima \(3156780, matched by email\)/);
        assert.match(answer, /Kommo: not connected/);
        await say('whoami', MEGAN);
        assert.match(connector.sentTexts().at(-1) ?? '', /Intercom: no user with your email/);
    });

    it('lets an admin link a Teams user to an Intercom admin, which their replies then use; others are refused', async () => {
        await say('link intercom:3156780', MEGAN, [{ id: ALEX.id, name: 'Ana Lima' }]);
        assert.match(connector.sentTexts().at(-1) ?? '', /only Deskbridge admins can link/);
        await say('link intercom:abc', ALEX, [{ id: MEGAN.id, name: 'Megan Bowen' }]);
        assert.match(connector.sentTexts().at(-1) ?? '', /Usage: `@Deskbridge link @user/);
        await say('link intercom:3156780', ALEX, [{ id: MEGAN.id, name: 'Megan Bowen' }]);
        assert.match(connector.sentTexts().at(-1) ?? '', /Linked \*\*Megan Bowen\*\*: Intercom 3156780, Zendesk \(by email\), Kommo \(by email\)/);

        await postIntercom(app.url, intercomFixture('conversation.user.created'));
        await eventually(() => nothingDue(app), 'mirrored');
        const thread = (await app.repos.threads.get('intercom:215473853299345'))!.conversationId;
        await post(`${app.url}/api/messages`, threadReply(connector.url, thread, 'Megan here', { from: MEGAN }));
        await eventually(async () => intercom.actions().length === 1 && (await nothingDue(app)), 'reply sent');
        assert.equal((intercom.actions()[0]!.body as { admin_id: string }).admin_id, '3156780', 'the link wins over the (unmatched) email');
        await say('whoami', MEGAN);
        assert.match(connector.sentTexts().at(-1) ?? '', /Intercom: 3156780 \(linked by an admin\)/);
    });

    it('explains that creating a channel from Teams needs the bot credentials for Microsoft Graph', async () => {
        await say('setup intercom new "Customer Support"');
        assert.match(connector.sentTexts().at(-1) ?? '', /Creating channels needs the bot's own credentials \(BOT_ID and BOT_PASSWORD\)/);
        assert.equal((await app.repos.bindings.get('intercom'))?.channelId, '19:support-queue@thread.tacv2', 'the binding is unchanged');
    });
});
