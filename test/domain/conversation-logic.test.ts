import assert from 'node:assert/strict';
import { pickRoute } from '../../src/domain/routing';
import { snoozeUntil } from '../../src/domain/snooze';
import { IntercomRateGate } from '../../src/integrations/intercom/rate-gate';
import { textToIntercomHtml } from '../../src/lib/text-to-html';
import type { RoutingRule } from '../../src/store/routing-rules-repo';

const iso = (ms: number) => new Date(ms).toISOString();

describe('snooze choices', () => {
    // Wednesday 2026-11-18 22:30 UTC is 19:30 in São Paulo (UTC−3) and 23:30 in Berlin (UTC+1).
    const wednesdayEvening = Date.parse('2026-11-18T22:30:00Z');

    it('snoozes for one hour from now', () => {
        assert.equal(snoozeUntil('1h', wednesdayEvening, 'America/Sao_Paulo'), wednesdayEvening + 3_600_000);
    });

    it('wakes tomorrow at 9:00 in the agent\'s time zone', () => {
        assert.equal(iso(snoozeUntil('tomorrow', wednesdayEvening, 'America/Sao_Paulo')), '2026-11-19T12:00:00.000Z');
        assert.equal(iso(snoozeUntil('tomorrow', wednesdayEvening, 'Europe/Berlin')), '2026-11-19T08:00:00.000Z');
        // After midnight in Tokyo it is already Thursday: tomorrow is Friday.
        assert.equal(iso(snoozeUntil('tomorrow', wednesdayEvening, 'Asia/Tokyo')), '2026-11-20T00:00:00.000Z');
    });

    it('wakes next Monday at 9:00, a week ahead when asked on a Monday', () => {
        assert.equal(iso(snoozeUntil('next_week', wednesdayEvening, 'America/Sao_Paulo')), '2026-11-23T12:00:00.000Z');
        const mondayMorning = Date.parse('2026-11-23T10:00:00Z');
        assert.equal(iso(snoozeUntil('next_week', mondayMorning, 'Europe/Berlin')), '2026-11-30T08:00:00.000Z');
    });

    it('follows daylight saving time, and falls back to UTC for an unknown zone', () => {
        // Berlin switches to summer time on 2027-03-28: 9:00 is 07:00 UTC the day after.
        assert.equal(iso(snoozeUntil('tomorrow', Date.parse('2027-03-28T12:00:00Z'), 'Europe/Berlin')), '2027-03-29T07:00:00.000Z');
        assert.equal(iso(snoozeUntil('tomorrow', wednesdayEvening, 'Mars/Olympus')), '2026-11-19T09:00:00.000Z');
        assert.equal(iso(snoozeUntil('tomorrow', wednesdayEvening, undefined)), '2026-11-19T09:00:00.000Z');
    });
});

describe('routing rules', () => {
    const rule = (id: number, kind: RoutingRule['kind'], value: string, priority = 100): RoutingRule => ({ id, stream: 'intercom', kind, value, priority, teamId: 't', channelId: `c${id}`, channelName: null, createdBy: null });
    const conversation = (over: Partial<Parameters<typeof pickRoute>[1]> = {}) => ({ tags: [], teamAssigneeId: null, teamAssigneeName: null, text: '', ...over });

    it('matches tags and teams ignoring case, and team ids', () => {
        const rules = [rule(1, 'tag', 'Billing'), rule(2, 'team', 'Customer Success'), rule(3, 'team', '5017691')];
        assert.equal(pickRoute(rules, conversation({ tags: ['billing'] }))?.id, 1);
        assert.equal(pickRoute(rules, conversation({ teamAssigneeName: 'customer success' }))?.id, 2);
        assert.equal(pickRoute(rules, conversation({ teamAssigneeId: '5017691' }))?.id, 3);
        assert.equal(pickRoute(rules, conversation({ tags: ['bill'] })), undefined);
    });

    it('matches whole keywords and phrases, not parts of words', () => {
        const rules = [rule(1, 'keyword', 'procon, cancel my account, reclamação')];
        assert.equal(pickRoute(rules, conversation({ text: 'Vou abrir uma RECLAMAÇÃO no Procon!' }))?.id, 1);
        assert.equal(pickRoute(rules, conversation({ text: 'Please cancel my account now' }))?.id, 1);
        assert.equal(pickRoute(rules, conversation({ text: 'proconsul' })), undefined);
    });

    it('tries lower priority numbers first, then older rules', () => {
        const rules = [rule(1, 'tag', 'vip', 100), rule(2, 'keyword', 'refund', 1), rule(3, 'tag', 'vip', 100)];
        assert.equal(pickRoute(rules, conversation({ tags: ['vip'], text: 'refund please' }))?.id, 2);
        assert.equal(pickRoute(rules, conversation({ tags: ['vip'] }))?.id, 1);
    });
});

describe('agent text to Intercom HTML', () => {
    it('escapes markup and keeps paragraphs and line breaks', () => {
        assert.equal(textToIntercomHtml('Hi <Joe> & co\nline two\n\nBye "now"'), '<p>Hi &lt;Joe&gt; &amp; co<br>line two</p><p>Bye &quot;now&quot;</p>');
    });
});

describe('Intercom rate gate', () => {
    it('waits for the reset only when the reported window is (nearly) spent', () => {
        const gate = new IntercomRateGate(2);
        const now = 1_000_000_000_000;
        assert.equal(gate.waitMs(now), 0);
        gate.observe({ 'x-ratelimit-remaining': '80', 'x-ratelimit-reset': String(now / 1000 + 5) }, now);
        assert.equal(gate.waitMs(now), 0);
        gate.observe({ 'x-ratelimit-remaining': '2', 'x-ratelimit-reset': String(now / 1000 + 5) }, now);
        assert.equal(gate.waitMs(now), 5000);
        assert.equal(gate.waitMs(now + 6000), 0, 'the window has reset');
    });
});
