import assert from 'node:assert/strict';
import { queueStats } from '../../src/outbox/job-store';
import { FakeIntercom } from '../helpers/fake-intercom';
import { INTERCOM_SECRET, intercomFixture, postIntercom } from '../helpers/intercom';
import { PLAYGROUND_CHANNEL_ID, PLAYGROUND_TEAM_ID, Playground } from '../helpers/playground';
import { startTestApp, type TestApp } from '../helpers/start-app';

describe('end to end with the Microsoft 365 Agents Playground', function () {
    this.timeout(60000);
    let app: TestApp;
    let playground: Playground;
    let intercom: FakeIntercom;

    before(async () => {
        intercom = await new FakeIntercom().start();
        intercom.admins.push({ id: '991267700', name: 'Alex Wilber', email: 'alexw@example.com' });
        app = await startTestApp({ INTERCOM_CLIENT_SECRET: INTERCOM_SECRET, INTERCOM_ACCESS_TOKEN: 'intercom-token', INTERCOM_API_BASE_URL: intercom.url, OUTBOX_POLL_MS: '50' });
        playground = await Playground.start(`${app.url}/api/messages`);
    });
    after(async () => {
        await playground?.stop();
        await app?.stop();
        await intercom?.stop();
    });

    it('is installed in the team, answers help and binds the channel with setup', async () => {
        await playground.installInTeam();
        await playground.waitForBotMessage((m) => /Thanks for adding Deskbridge/.test(m.message.text ?? ''));
        const team = await app.repos.teams.getTeam(PLAYGROUND_TEAM_ID);
        assert.equal(team?.installed, true);
        assert.deepEqual((await app.repos.teams.listChannels(PLAYGROUND_TEAM_ID)).map((c) => c.channelId).sort(), [PLAYGROUND_CHANNEL_ID, PLAYGROUND_TEAM_ID].sort());

        const help = await playground.mentionInChannel('help');
        const helpCard = await playground.waitForBotMessage((m) => m.actionConversationId === help.postConversationId && Array.isArray(m.message.attachments));
        assert.match(JSON.stringify(helpCard.message.attachments), /setup intercom · zendesk · whatsapp · leads · escalations/);

        const setup = await playground.mentionInChannel('setup intercom');
        const confirmation = await playground.waitForBotMessage((m) => m.actionConversationId === setup.postConversationId && /now receives/.test(m.message.text ?? ''));
        assert.match(confirmation.message.text ?? '', /\*\*Support Queue\*\* now receives the \*\*intercom\*\* stream/);
        assert.equal((await app.repos.bindings.get('intercom'))?.channelId, PLAYGROUND_CHANNEL_ID);
    });

    it('starts a new thread with a card in the bound channel, proactively', async () => {
        const binding = await app.repos.bindings.get('intercom');
        assert.ok(binding);
        const thread = await app.bot.messenger.startThread(binding, { text: 'Proactive root post' });
        await playground.waitForBotMessage((m) => m.action === 'createMessage' && m.message.text === 'Proactive root post');
        await app.bot.messenger.replyInThread(thread, { text: 'Reply in the thread' });
        const reply = await playground.waitForBotMessage((m) => m.message.text === 'Reply in the thread');
        assert.equal(reply.actionConversationId, thread.conversationId);
        await app.bot.messenger.updateActivity(thread, thread.rootActivityId, { text: 'Updated root post' });
        await playground.waitForBotMessage((m) => m.action === 'updateMessage' && m.message.text === 'Updated root post');
    });

    it('mirrors a signed Intercom conversation as a card thread, and sends a reply typed in it to Intercom', async () => {
        const created = intercomFixture('conversation.user.created');
        intercom.addConversation(created.data.item);
        assert.equal((await postIntercom(app.url, created)).status, 200);
        await playground.waitForBotMessage((m) => m.action === 'createMessage' && /Joe Bloggs/.test(JSON.stringify(m.message.attachments ?? [])));
        const thread = await app.repos.threads.get(`intercom:${created.data.item.id}`);
        assert.equal(thread?.channelId, PLAYGROUND_CHANNEL_ID);
        await playground.waitForBotMessage((m) => m.actionConversationId === thread?.conversationId && /Joe Bloggs\*\* wrote:/.test(m.message.text ?? ''));

        await playground.mentionInChannel('Thanks Joe, we are fixing the invoice now.', thread!.conversationId);
        await playground.waitForBotMessage((m) => m.actionConversationId === thread?.conversationId && /Sent to the customer as Alex Wilber/.test(m.message.text ?? ''));
        const [reply] = intercom.actions();
        assert.equal(reply?.path, `/conversations/${created.data.item.id}/reply`);
        assert.deepEqual(reply?.body, { message_type: 'comment', type: 'admin', admin_id: '991267700', body: '<p>Thanks Joe, we are fixing the invoice now.</p>' });
        assert.deepEqual(intercom.violations, []);
        assert.equal((await queueStats(app.repos.db.kysely)).counts.dead, 0);
    });
});
