import assert from 'node:assert/strict';
import { addBusinessMinutes, parseBusinessHours } from '../../src/domain/business-hours';

const iso = (ms: number) => new Date(ms).toISOString();

describe('business hours for the SLA clock', () => {
    const saoPaulo = parseBusinessHours('Mon-Fri 09:00-18:00', 'America/Sao_Paulo');

    it('counts only open time: a message at Friday 17:55 with 15 minutes is due Monday 09:10', () => {
        assert.equal(iso(addBusinessMinutes(Date.parse('2026-11-20T20:55:00Z'), 15, saoPaulo)), '2026-11-23T12:10:00.000Z');
    });

    it('starts the clock at opening for a message before hours, and runs straight within hours', () => {
        assert.equal(iso(addBusinessMinutes(Date.parse('2026-11-18T10:00:00Z'), 15, saoPaulo)), '2026-11-18T12:15:00.000Z');
        assert.equal(iso(addBusinessMinutes(Date.parse('2026-11-18T13:00:00Z'), 15, saoPaulo)), '2026-11-18T13:15:00.000Z');
        assert.equal(iso(addBusinessMinutes(Date.parse('2026-11-21T13:00:00Z'), 15, saoPaulo)), '2026-11-23T12:15:00.000Z', 'Saturday waits for Monday');
    });

    it('reads day lists and 24/7, and names a bad spec', () => {
        const mwf = parseBusinessHours('Mon,Wed,Fri 08:30-12:00', 'Europe/Berlin');
        assert.deepEqual([...mwf.days].sort(), [1, 3, 5]);
        assert.equal(iso(addBusinessMinutes(Date.parse('2026-11-18T10:00:00Z'), 30, parseBusinessHours('24/7', undefined))), '2026-11-18T10:30:00.000Z');
        assert.throws(() => parseBusinessHours('weekdays 9 to 5', 'UTC'), /must look like "Mon-Fri 09:00-18:00"/);
        assert.throws(() => parseBusinessHours('Mon-Fri 18:00-09:00', 'UTC'), /closing must be after opening/);
    });
});
