import assert from 'node:assert/strict';
import { createRepositories, type Repositories } from '../../src/store/index';
import { DatabaseStorage } from '../../src/teams/bot-state-storage';
import { ENGINES, createTestDatabase, type TestDatabase } from '../helpers/databases';

for (const engine of ENGINES) {
    describe(`store repositories (${engine})`, () => {
        let tdb: TestDatabase;
        let repos: Repositories;

        beforeEach(async () => {
            tdb = await createTestDatabase(engine);
            repos = createRepositories(tdb.db);
        });
        afterEach(async () => {
            await tdb.dispose();
        });

        it('reports ready once migrated', async () => {
            await tdb.db.checkReady();
        });

        it('keeps a team installation, its channels and its reference across a reopen', async () => {
            const reference = { serviceUrl: 'https://smba.example/amer/', conversation: { id: '19:general@thread.tacv2' } };
            await repos.teams.saveInstallation({ teamId: '19:general@thread.tacv2', tenantId: 't1', name: 'Support', aadGroupId: 'g1', serviceUrl: 'https://smba.example/amer/', reference });
            await repos.teams.replaceChannels('19:general@thread.tacv2', [
                { channelId: '19:general@thread.tacv2', name: null },
                { channelId: '19:queue@thread.tacv2', name: 'Support Queue' }
            ]);
            await repos.teams.saveChannel({ channelId: '19:queue@thread.tacv2', teamId: '19:general@thread.tacv2', name: 'Queue (renamed)' });

            const reopened = createRepositories(await tdb.reopen());
            try {
                const team = await reopened.teams.getTeam('19:general@thread.tacv2');
                assert.equal(team?.installed, true);
                assert.equal(team?.name, 'Support');
                assert.deepEqual(team?.reference, reference);
                const channels = await reopened.teams.listChannels('19:general@thread.tacv2');
                assert.deepEqual(channels.map((c) => c.name).sort(), ['Queue (renamed)', null].sort());
            } finally {
                await reopened.db.close();
            }
        });

        it('marks a team uninstalled and installed again on re-install', async () => {
            const team = { teamId: 'T', tenantId: null, name: 'A', aadGroupId: null, serviceUrl: 'http://x/', reference: {} };
            await repos.teams.saveInstallation(team);
            await repos.teams.markUninstalled('T');
            assert.equal((await repos.teams.getTeam('T'))?.installed, false);
            assert.deepEqual(await repos.teams.listInstalledTeams(), []);
            await repos.teams.saveInstallation(team);
            assert.equal((await repos.teams.getTeam('T'))?.installed, true);
        });

        it('deletes a channel', async () => {
            await repos.teams.saveChannel({ channelId: 'C1', teamId: 'T', name: 'one' });
            await repos.teams.deleteChannel('C1');
            assert.equal(await repos.teams.getChannel('C1'), undefined);
        });

        it('binds one channel per stream and moves the binding when bound again', async () => {
            await repos.bindings.bind({ stream: 'intercom', teamId: 'T', channelId: 'C1', channelName: 'one', boundById: 'u1', boundByName: 'Ana' });
            await repos.bindings.bind({ stream: 'leads', teamId: 'T', channelId: 'C1', channelName: 'one', boundById: 'u1', boundByName: 'Ana' });
            await repos.bindings.bind({ stream: 'intercom', teamId: 'T', channelId: 'C2', channelName: 'two', boundById: 'u2', boundByName: 'Bo' });
            const intercom = await repos.bindings.get('intercom');
            assert.equal(intercom?.channelId, 'C2');
            assert.equal(intercom?.boundByName, 'Bo');
            assert.deepEqual((await repos.bindings.list()).map((b) => b.stream), ['intercom', 'leads']);
            await repos.bindings.unbindChannel('C1');
            assert.equal(await repos.bindings.get('leads'), undefined);
        });

        it('saves and updates conversation references', async () => {
            await repos.conversationRefs.save({ conversationId: 'a:1', conversationType: 'personal', teamId: null, tenantId: 't', serviceUrl: 'http://one/', reference: { v: 1 } });
            await repos.conversationRefs.save({ conversationId: 'a:1', conversationType: 'personal', teamId: null, tenantId: 't', serviceUrl: 'http://two/', reference: { v: 2 } });
            const ref = await repos.conversationRefs.get('a:1');
            assert.equal(ref?.serviceUrl, 'http://two/');
            assert.deepEqual(ref?.reference, { v: 2 });
            assert.equal(await repos.conversationRefs.get('missing'), undefined);
        });

        it('stores turn state with eTag concurrency like the Bot Framework storages', async () => {
            const botState = new DatabaseStorage(repos.db.kysely);
            await botState.write({ k1: { count: 1 } });
            const first = await botState.read(['k1', 'absent']);
            assert.equal((first.k1 as { count: number }).count, 1);
            assert.equal(first.absent, undefined);
            const etag = (first.k1 as { eTag: string }).eTag;
            await botState.write({ k1: { count: 2, eTag: etag } });
            await assert.rejects(botState.write({ k1: { count: 3, eTag: etag } }), /eTag conflict/);
            await botState.write({ k1: { count: 4, eTag: '*' } });
            assert.equal(((await botState.read(['k1'])).k1 as { count: number }).count, 4);
            await botState.delete(['k1']);
            assert.deepEqual(await botState.read(['k1']), {});
        });
    });
}
