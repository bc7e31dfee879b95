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
    });
}
