import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { ingestDelivery } from '../../src/outbox/ingest';
import { migrateToLatest, openDatabase, type Db } from '../../src/store/database';
import { startWalCheckpointer } from '../../src/store/wal-checkpointer';
import { eventually } from '../helpers/teams-scenario';

describe('SQLite write-ahead log checkpoints on a thread of their own', () => {
    let dir: string;
    let file: string;
    let db: Db | undefined;
    const errors: Error[] = [];

    beforeEach(() => {
        dir = mkdtempSync(join(tmpdir(), 'deskbridge-wal-'));
        file = join(dir, 'app.db');
        errors.length = 0;
    });
    afterEach(async () => {
        await db?.close();
        db = undefined;
        rmSync(dir, { recursive: true, force: true });
    });

    /** Rows of the inbox as the database file alone holds them (what is not in the log). */
    function inboxRowsInDatabaseFile(): number {
        const copy = join(dir, 'copy.db');
        copyFileSync(file, copy);
        const reader = new BetterSqlite3(copy, { readonly: true });
        try {
            return (reader.prepare('select count(*) as n from inbox').get() as { n: number }).n;
        } catch {
            return 0; // not even the tables have been copied yet
        } finally {
            reader.close();
        }
    }

    it('copies committed deliveries into the database file while the app keeps writing, and closes cleanly', async () => {
        db = await openDatabase({ kind: 'sqlite', file }, { onBackgroundCheckpointError: (err) => errors.push(err) });
        await migrateToLatest(db);
        for (let i = 0; i < 300; i++) await ingestDelivery(db.kysely, { source: 'intercom', eventId: `notif_${i}`, payload: { n: i } }, []);
        // The app's own connection no longer checkpoints this early: the rows reach the file
        // through the background thread.
        await eventually(() => inboxRowsInDatabaseFile() === 300, 'the 300 deliveries in the database file');
        await db.close();
        db = undefined;
        assert.equal(existsSync(`${file}-wal`), false, 'both connections closed: SQLite removed the log');
        const reopened = new BetterSqlite3(file, { readonly: true });
        assert.equal((reopened.prepare('select count(*) as n from inbox').get() as { n: number }).n, 300);
        reopened.close();
        assert.deepEqual(errors, []);
    });

    it('says so and checkpoints on the app connection again when the thread cannot run', async () => {
        const sqlite = new BetterSqlite3(file);
        sqlite.pragma('journal_mode = WAL');
        const reported: Error[] = [];
        // The thread opens the database by name and refuses to create one: a missing file fails it.
        const checkpointer = startWalCheckpointer(sqlite, join(dir, 'missing.db'), (err) => reported.push(err));
        await eventually(() => reported.length > 0, 'the failure reported');
        assert.match(reported[0]!.message, /checkpoint thread stopped .*checkpoints run on the main thread again/);
        assert.equal(sqlite.pragma('wal_autocheckpoint', { simple: true }), 1000);
        await checkpointer.stop();
        sqlite.close();
        assert.ok(statSync(file).size > 0);
    });
});
