import assert from 'node:assert/strict';
import { externalId, MAX_ID_LENGTH, numericId } from '../../src/lib/ids';

describe('ids from outside', () => {
    it('keeps a string id as it came, and writes an integer id as its digits', () => {
        assert.deepEqual(externalId.safeParse('notif_0b9b4c1e-7c2a-4a55-9a55-1f0c3b1d2e3f'), { success: true, data: 'notif_0b9b4c1e-7c2a-4a55-9a55-1f0c3b1d2e3f' });
        assert.deepEqual(externalId.safeParse(28455849), { success: true, data: '28455849' });
        assert.deepEqual(numericId.safeParse('215473853299345'), { success: true, data: '215473853299345' });
        assert.deepEqual(numericId.safeParse(215473853), { success: true, data: '215473853' });
    });

    it('refuses what could not be a key or a path segment', () => {
        // `a:..` and `x:.` pass the character pattern: only the check of each `:` part refuses them.
        for (const bad of ['', '..', 'a/b', '../admins', 'a:..', 'x:.:y', 'x'.repeat(MAX_ID_LENGTH + 1), 'a b', -1, 1.5, Number.MAX_SAFE_INTEGER + 2, null, {}]) {
            assert.equal(externalId.safeParse(bad).success, false, `externalId accepted ${JSON.stringify(bad)}`);
        }
        for (const bad of ['12a', '', '1'.repeat(33), -3, 2.5, 'notif_1']) {
            assert.equal(numericId.safeParse(bad).success, false, `numericId accepted ${JSON.stringify(bad)}`);
        }
    });
});
