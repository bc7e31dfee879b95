import assert from 'node:assert/strict';
import BetterSqlite3 from 'better-sqlite3';
import { withStatementCache } from '../../src/store/statement-cache';

describe('Prepared statements kept for Kysely on SQLite', () => {
    let sqlite: BetterSqlite3.Database;
    beforeEach(() => {
        sqlite = new BetterSqlite3(':memory:');
        sqlite.exec('create table t (n integer)');
        sqlite.exec('insert into t values (1), (2), (3)');
    });
    afterEach(() => sqlite.open && sqlite.close());

    it('hands out the same statement for the same SQL, keeping only the most recently used', () => {
        const db = withStatementCache(sqlite, 2);
        const first = db.prepare('select n from t where n = ?');
        assert.equal(db.prepare('select n from t where n = ?'), first);
        const count = db.prepare('select count(*) from t');
        db.prepare('select n from t where n = ?'); // used again: now the most recent
        db.prepare('select max(n) from t'); // evicts `count(*)`, the least recent
        assert.equal(db.prepare('select n from t where n = ?'), first);
        assert.notEqual(db.prepare('select count(*) from t'), count, 'prepared again after eviction');
        assert.deepEqual(first.all([2]), [{ n: 2 }]);
    });

    it('never hands out a statement that is still being iterated', () => {
        const db = withStatementCache(sqlite, 10);
        const streaming = db.prepare('select n from t order by n');
        const rows = streaming.iterate([]);
        assert.deepEqual(rows.next().value, { n: 1 });
        const other = db.prepare('select n from t order by n');
        assert.notEqual(other, streaming);
        assert.equal(other.all([]).length, 3);
        assert.deepEqual([...rows], [{ n: 2 }, { n: 3 }]);
    });

    it('closes the database', () => {
        withStatementCache(sqlite).close();
        assert.equal(sqlite.open, false);
    });
});
