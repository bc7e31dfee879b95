import assert from 'node:assert/strict';
import { ALEX, MEGAN, SUPPORT_CHANNEL_ID, TEAM_ID, botAddedToTeam, botRemovedFromTeam, channelEvent, channelMention, personalMessage } from '../helpers/activities';
import { FakeBotConnector } from '../helpers/fake-bot-connector';
import { post } from '../helpers/post';
import { startTestApp, type TestApp } from '../helpers/start-app';

describe('Teams turns', () => {
    let connector: FakeBotConnector;
    let app: TestApp;

    const send = async (activity: unknown) => {
        const res = await post(`${app.url}/api/messages`, activity);
        assert.ok(res.status >= 200 && res.status < 300, `activity answered ${res.status}: ${JSON.stringify(res.body)}`);
    };
    const lastText = () => connector.sentTexts().at(-1) ?? '';

    beforeEach(async () => {
        connector = await new FakeBotConnector().start();
        connector.channels = [{ id: TEAM_ID }, { id: SUPPORT_CHANNEL_ID, name: 'Support Queue' }];
        connector.roster = [
            { id: ALEX.id, name: ALEX.name, email: 'alex@contoso.com', aadObjectId: 'aad-alex' },
            { id: MEGAN.id, name: MEGAN.name, email: 'megan@contoso.com', aadObjectId: 'aad-megan' }
        ];
    });
    afterEach(async () => {
        await app?.stop();
        await connector.stop();
    });

    describe('with ADMIN_USERS set', () => {
        beforeEach(async () => {
            app = await startTestApp({ ADMIN_USERS: 'alex@contoso.com' });
        });

        it('stores the team, its channels and reference when installed, and welcomes the team', async () => {
            await send(botAddedToTeam(connector.url));
            const team = await app.repos.teams.getTeam(TEAM_ID);
            assert.equal(team?.installed, true);
            assert.equal(team?.serviceUrl, connector.url);
            assert.equal(team?.tenantId, 'tenant-1');
            const channels = await app.repos.teams.listChannels(TEAM_ID);
            assert.deepEqual(channels.map((c) => c.channelId).sort(), [SUPPORT_CHANNEL_ID, TEAM_ID].sort());
            assert.match(lastText(), /Thanks for adding Deskbridge/);
        });

        it('marks the team uninstalled when the bot is removed', async () => {
            await send(botAddedToTeam(connector.url));
            await send(botRemovedFromTeam(connector.url));
            assert.equal((await app.repos.teams.getTeam(TEAM_ID))?.installed, false);
        });

        it('answers help with a card of the commands, in the user language', async () => {
            await send(channelMention(connector.url, 'help'));
            const card = JSON.stringify(connector.sent().at(-1)?.activity.attachments);
            assert.match(card, /setup intercom · zendesk · whatsapp · leads · escalations/);
            assert.match(card, /#pausar · #voltar/);
            await send(channelMention(connector.url, 'help', { locale: 'pt-BR' }));
            assert.match(JSON.stringify(connector.sent().at(-1)?.activity.attachments), /Comandos \(me mencione\)/);
            await send(personalMessage(connector.url, 'help', { locale: 'de-DE' }));
            assert.match(JSON.stringify(connector.sent().at(-1)?.activity.attachments), /Befehle/);
            // The chat's reference is kept for proactive messages to this user.
            const reference = await app.repos.conversationRefs.get('a:personal-1');
            assert.equal(reference?.serviceUrl, connector.url);
            assert.equal(reference?.conversationType, 'personal');
        });

        it('binds the channel for an admin (matched by roster email) and confirms', async () => {
            await send(botAddedToTeam(connector.url));
            await send(channelMention(connector.url, 'setup intercom', { from: ALEX }));
            assert.match(lastText(), /Support Queue\*\* now receives the \*\*intercom\*\* stream/);
            const binding = await app.repos.bindings.get('intercom');
            assert.equal(binding?.channelId, SUPPORT_CHANNEL_ID);
            assert.equal(binding?.boundByName, ALEX.name);
        });

        it('politely refuses setup to a non-admin and binds nothing', async () => {
            await send(channelMention(connector.url, 'setup leads', { from: MEGAN }));
            assert.match(lastText(), /only Deskbridge admins can bind channels/);
            assert.equal(await app.repos.bindings.get('leads'), undefined);
        });

        it('explains the usage of setup without a valid stream, and refuses it outside a channel', async () => {
            await send(channelMention(connector.url, 'setup freshdesk'));
            assert.match(lastText(), /Usage: `@Deskbridge setup intercom`/);
            await send(personalMessage(connector.url, 'setup intercom'));
            assert.match(lastText(), /in the team channel/);
        });

        it('tells the user when a command is unknown', async () => {
            await send(channelMention(connector.url, 'frobnicate now'));
            assert.match(lastText(), /did not understand "frobnicate now"/);
        });

        it('follows channel renames and unbinds a deleted channel', async () => {
            await send(botAddedToTeam(connector.url));
            await send(channelMention(connector.url, 'setup whatsapp'));
            await send(channelEvent(connector.url, 'channelRenamed', SUPPORT_CHANNEL_ID, 'WhatsApp Vendas'));
            assert.equal((await app.repos.bindings.get('whatsapp'))?.channelName, 'WhatsApp Vendas');
            await send(channelEvent(connector.url, 'channelCreated', '19:new@thread.tacv2', 'New one'));
            assert.equal((await app.repos.teams.getChannel('19:new@thread.tacv2'))?.name, 'New one');
            await send(channelEvent(connector.url, 'channelDeleted', SUPPORT_CHANNEL_ID));
            assert.equal(await app.repos.bindings.get('whatsapp'), undefined);
            assert.equal(await app.repos.teams.getChannel(SUPPORT_CHANNEL_ID), undefined);
        });

        it('shows where each stream goes in status', async () => {
            await send(channelMention(connector.url, 'setup leads'));
            await send(channelMention(connector.url, 'status'));
            const card = JSON.stringify(connector.sent().at(-1)?.activity.attachments);
            assert.match(card, /"title":"Leads","value":"Support Queue"/);
            assert.match(card, /"title":"Intercom","value":"— not bound"/);
        });
    });

    it('refuses activities from a tenant outside ALLOWED_TENANT_IDS', async () => {
        app = await startTestApp({ ALLOWED_TENANT_IDS: 'other-tenant' });
        await send(channelMention(connector.url, 'setup intercom'));
        assert.match(lastText(), /not enabled for this organisation/);
        assert.equal(await app.repos.bindings.get('intercom'), undefined);
    });

    it('lets everyone bind channels in local anonymous mode with no ADMIN_USERS', async () => {
        app = await startTestApp();
        await send(channelMention(connector.url, 'setup intercom', { from: MEGAN }));
        assert.equal((await app.repos.bindings.get('intercom'))?.channelId, SUPPORT_CHANNEL_ID);
    });
});
