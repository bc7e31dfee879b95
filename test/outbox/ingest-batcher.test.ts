import assert from 'node:assert/strict';
import { IngestBatcher } from '../../src/outbox/ingest-batcher';
import { queueStats } from '../../src/outbox/job-store';
import { ENGINES, createTestDatabase, type TestDatabase } from '../helpers/databases';

for (const engine of ENGINES) {
    describe(`ingest group commit (${engine})`, () => {
        let tdb: TestDatabase;
        beforeEach(async () => {
            tdb = await createTestDatabase(engine);
        });
        afterEach(async () => {
            await tdb.dispose();
        });

        it('stores concurrent deliveries once each, with their jobs, and reports duplicates', async () => {
            const batcher = new IngestBatcher(tdb.db);
            const submit = (eventId: string) =>
                batcher.submit({ source: 'intercom', eventId, topic: 't', payload: { eventId } }, [
                    { kind: 'k', payload: { eventId }, orderingKey: `key-${eventId}` },
                    { kind: 'k', payload: { eventId }, orderingKey: 'shared', dedupeKey: 'once' }
                ]);
            const ids = Array.from({ length: 40 }, (_, i) => `e${i % 30}`);
            const results = await Promise.all(ids.map(submit));
            assert.equal(results.filter((r) => r.stored).length, 30);
            assert.equal(results.filter((r) => !r.stored).length, 10);
            assert.equal(results.reduce((n, r) => n + (r.stored ? r.jobs : 0), 0), 31, 'one job each, plus the deduplicated one once');
            assert.equal((await queueStats(tdb.db.kysely)).counts.pending, 31);
            const inbox = await tdb.db.kysely.selectFrom('inbox').select((eb) => eb.fn.countAll().as('n')).executeTakeFirst();
            assert.equal(Number(inbox?.n), 30);
        });

        it('keeps each key in arrival order with one head, whether the key had a head before the batch or not', async () => {
            const batcher = new IngestBatcher(tdb.db);
            const submit = (eventId: string, key: string) => batcher.submit({ source: 'intercom', eventId, topic: 't', payload: { eventId } }, [{ kind: 'k', payload: { eventId }, orderingKey: key }]);
            // `busy` has a head (and a follower) before the burst; `fresh` gets its first job in it.
            await submit('before-1', 'busy');
            await submit('before-2', 'busy');
            const burst = Array.from({ length: 24 }, (_, i) => submit(`burst-${i}`, i % 2 === 0 ? 'busy' : 'fresh'));
            const results = await Promise.all(burst);
            assert.ok(results.every((r) => r.stored && r.jobs === 1));
            const rows = await tdb.db.kysely.selectFrom('outbox_jobs').select(['ordering_key', 'payload', 'head']).orderBy('id').execute();
            const order = (key: string) => rows.filter((r) => r.ordering_key === key).map((r) => (JSON.parse(r.payload) as { eventId: string }).eventId);
            assert.deepEqual(order('busy'), ['before-1', 'before-2', ...Array.from({ length: 12 }, (_, i) => `burst-${i * 2}`)]);
            assert.deepEqual(order('fresh'), Array.from({ length: 12 }, (_, i) => `burst-${i * 2 + 1}`));
            const heads = rows.filter((r) => Number(r.head) === 1).map((r) => `${r.ordering_key}:${(JSON.parse(r.payload) as { eventId: string }).eventId}`);
            assert.deepEqual(heads.sort(), ['busy:before-1', 'fresh:burst-1']);
        });
    });
}
