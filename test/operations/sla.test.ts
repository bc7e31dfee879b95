import assert from 'node:assert/strict';
import { ALEX, channelMention, threadReply } from '../helpers/activities';
import type { FakeBotConnector } from '../helpers/fake-bot-connector';
import { FakeIntercom } from '../helpers/fake-intercom';
import { INTERCOM_SECRET, intercomFixture, postIntercom } from '../helpers/intercom';
import { post } from '../helpers/post';
import type { TestApp } from '../helpers/start-app';
import { channelIds, eventually, installedApp, nothingDue } from '../helpers/teams-scenario';

const CONVERSATION = '215473853299345';
const KEY = `intercom:${CONVERSATION}`;
const LEADS_CHANNEL = channelIds(2)[1]!;

describe('first-response SLA reminders', function () {
    this.timeout(30000);
    let app: TestApp;
    let connector: FakeBotConnector;
    let intercom: FakeIntercom;

    const settled = () => nothingDue(app);
    const slaJobs = () => app.repos.db.kysely.selectFrom('outbox_jobs').selectAll().where('kind', '=', 'sla.first_response').orderBy('id').execute();
    /** Makes the scheduled SLA checks due now ("advances the clock"). */
    const advance = async () => {
        await app.repos.db.kysely.updateTable('outbox_jobs').set({ run_at: Date.now() }).where('kind', '=', 'sla.first_response').where('status', '=', 'pending').execute();
        app.outbox.worker.notify();
        await eventually(settled, 'checks ran');
    };

    beforeEach(async () => {
        intercom = await new FakeIntercom().start();
        intercom.addConversation(intercomFixture('conversation.user.created').data.item);
        ({ app, connector } = await installedApp({ INTERCOM_CLIENT_SECRET: INTERCOM_SECRET, INTERCOM_ACCESS_TOKEN: 'intercom-token', INTERCOM_API_BASE_URL: intercom.url, SLA_FIRST_RESPONSE_MINUTES: '20' }, 2));
        connector.roster = [{ id: ALEX.id, name: 'Ana Lima', email: 'ana@contoso.com', aadObjectId: ALEX.aadObjectId }];
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'setup intercom'));
    });
    afterEach(async () => {
        await app.stop();
        await Promise.all([connector.stop(), intercom.stop()]);
    });

    it('reminds once when the customer waits past the target, @mentioning the assignee, then escalates to the lead channel', async () => {
        await post(`${app.url}/api/messages`, channelMention(connector.url, 'setup escalations', { channelId: LEADS_CHANNEL }));
        // Ana has used Deskbridge in Teams, and the conversation is assigned to her in Intercom.
        await app.repos.people.remember({ userId: ALEX.id, aadObjectId: null, name: 'Ana Lima', email: 'ana@contoso.com' });
        const created = intercomFixture('conversation.user.created');
        await postIntercom(app.url, { ...created, data: { item: { ...created.data.item, admin_assignee_id: 3156780 } } });
        await eventually(settled, 'mirrored');
        const [check] = await slaJobs();
        assert.ok(Math.abs(Number(check!.run_at) - (Date.now() + 20 * 60_000)) < 10_000, 'due 20 minutes after the message');

        await advance();
        const reminder = connector.sent().find(({ activity }) => /⏰/.test(activity.text ?? ''))!;
        assert.match(reminder.activity.text ?? '', /The customer has waited \d+ min without a human answer\. <at>Ana Lima<\/at>, please answer\./);
        assert.equal((reminder.activity as { entities?: Array<{ mentioned: { id: string } }> }).entities?.[0]?.mentioned.id, ALEX.id);
        // A second customer message during the same wait does not start another reminder.
        await postIntercom(app.url, intercomFixture('conversation.user.replied'));
        await eventually(settled, 'reply mirrored');
        assert.equal((await slaJobs()).length, 2, 'round 1 and its escalation check only');

        await advance();
        const escalation = connector.requests.filter((r) => r.method === 'POST' && r.path === '/v3/conversations').at(-1)!.body as { channelData: { channel: { id: string } }; activity: { text: string } };
        assert.equal(escalation.channelData.channel.id, LEADS_CHANNEL);
        assert.match(escalation.activity.text, /🚨 Joe Bloggs has waited \d+ min without a human answer/);
        assert.equal(connector.sentTexts().filter((t) => /⏰/.test(t)).length, 1, 'one reminder per wait');
    });

    it('does nothing when a human answered from Teams before the target', async () => {
        await postIntercom(app.url, intercomFixture('conversation.user.created'));
        await eventually(settled, 'mirrored');
        const thread = (await app.repos.threads.get(KEY))!.conversationId;
        await post(`${app.url}/api/messages`, threadReply(connector.url, thread, 'On it!'));
        await eventually(async () => intercom.actions().length === 1 && (await settled()), 'reply sent');
        await advance();
        assert.equal(connector.sentTexts().filter((t) => /⏰|🚨/.test(t)).length, 0);
        const activity = await app.repos.activity.get(KEY);
        assert.equal(activity?.waitingSince, null);
        assert.ok(activity?.firstResponseAt, 'the first response time is recorded');
    });
});
