import { sql, type Kysely } from 'kysely';
import type { DialectMigration } from './index';

/**
 * The head of each ordering key is marked on its row (`head = 1`): the oldest job of the key that
 * is not done or dead, the only one that may run. Claims then read the heads that are due from a
 * small partial index instead of walking every due job and asking of each whether an older job of
 * its key is still waiting — under a backlog held by the Teams limits that walk visited every
 * queued job on every claim. A partial unique index keeps one head per key, also when several
 * instances enqueue for the same key at once.
 *
 * And the prune reads what it deletes from indexes, a batch at a time: done jobs by when they
 * were done, echo markers by age.
 */
export const outboxHeads: DialectMigration = () => ({
    async up(db: Kysely<unknown>) {
        await db.schema
            .alterTable('outbox_jobs')
            .addColumn('head', 'integer', (c) => c.notNull().defaultTo(0))
            .execute();
        await sql`update outbox_jobs set head = 1 where id in (
            select min(id) from outbox_jobs where status in ('pending', 'running') group by ordering_key)`.execute(db);
        await db.schema
            .createIndex('outbox_jobs_one_head')
            .on('outbox_jobs')
            .column('ordering_key')
            .unique()
            .where(sql.ref('head'), '=', 1)
            .execute();
        await db.schema
            .createIndex('outbox_jobs_ready')
            .on('outbox_jobs')
            .columns(['run_at', 'id'])
            .where((eb) => eb.and([eb(sql.ref('head'), '=', sql.lit(1)), eb(sql.ref('status'), '=', sql.lit('pending'))]))
            .execute();
        await db.schema
            .createIndex('outbox_jobs_done')
            .on('outbox_jobs')
            .column('done_at')
            .where((eb) => eb(sql.ref('status'), '=', sql.lit('done')))
            .execute();
        await db.schema.createIndex('sent_parts_created').on('sent_parts').column('created_at').execute();
    }
});
