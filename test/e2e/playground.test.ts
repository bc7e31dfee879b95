import assert from 'node:assert/strict';
import { PLAYGROUND_CHANNEL_ID, PLAYGROUND_TEAM_ID, Playground } from '../helpers/playground';
import { startTestApp, type TestApp } from '../helpers/start-app';

describe('end to end with the Microsoft 365 Agents Playground', function () {
    this.timeout(60000);
    let app: TestApp;
    let playground: Playground;

    before(async () => {
        app = await startTestApp();
        playground = await Playground.start(`${app.url}/api/messages`);
    });
    after(async () => {
        await playground?.stop();
        await app?.stop();
    });

    it('is installed in the team, answers help and binds the channel with setup', async () => {
        await playground.installInTeam();
        await playground.waitForBotMessage((m) => /Thanks for adding Deskbridge/.test(m.message.text ?? ''));
        const team = await app.repos.teams.getTeam(PLAYGROUND_TEAM_ID);
        assert.equal(team?.installed, true);
        assert.deepEqual((await app.repos.teams.listChannels(PLAYGROUND_TEAM_ID)).map((c) => c.channelId).sort(), [PLAYGROUND_CHANNEL_ID, PLAYGROUND_TEAM_ID].sort());

        const help = await playground.mentionInChannel('help');
        const helpCard = await playground.waitForBotMessage((m) => m.actionConversationId === help.postConversationId && Array.isArray(m.message.attachments));
        assert.match(JSON.stringify(helpCard.message.attachments), /setup intercom \| whatsapp \| leads/);

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
});
