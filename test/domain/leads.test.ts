import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Lead, LeadInput } from '../../src/domain/lead';
import { loadScoringRules, scoreLead, temperatureOf } from '../../src/domain/lead-scoring';
import { leadStats } from '../../src/domain/lead-stats';
import { toE164 } from '../../src/domain/phone';
import { normalizeJsonLead, parseMoney } from '../../src/domain/normalize-lead';

const rules = loadScoringRules(undefined);
const base: LeadInput = { externalId: null, name: 'Ana', email: null, phone: null, interest: null, income: null, city: null, source: 'OTHER', score: null, status: null, createdAt: null, kommoLeadId: null };
const pointsOf = (lead: Partial<LeadInput>, rule: string) => scoreLead({ ...base, ...lead }, rules).breakdown.find((r) => r.rule === rule)?.points ?? 0;

describe('lead scoring', () => {
    it('gives income points by band', () => {
        assert.equal(pointsOf({ income: 20000 }, 'income'), 12);
        assert.equal(pointsOf({ income: 8000 }, 'income'), 8);
        assert.equal(pointsOf({ income: 5000 }, 'income'), 4);
        assert.equal(pointsOf({ income: 1000 }, 'income'), 0);
    });

    it('finds intent and urgency words as whole words, accents ignored, capped', () => {
        assert.equal(pointsOf({ interest: 'Quero COMPRAR, é urgente' }, 'intent'), 7);
        assert.equal(pointsOf({ interest: 'pagamento a vista, urgente, visita, comprar' }, 'intent'), 10, 'capped at the rule maximum');
        assert.equal(pointsOf({ interest: 'compraria talvez' }, 'intent'), 0);
        assert.match(scoreLead({ ...base, interest: 'comprar' }, rules).breakdown.find((r) => r.rule === 'intent')!.reason, /"comprar"/);
    });

    it('rates sources, contact completeness and the served region', () => {
        assert.equal(pointsOf({ source: 'INDICACAO' }, 'source'), 8);
        assert.equal(pointsOf({ source: 'meta_ads' }, 'source'), 5);
        assert.equal(pointsOf({ source: 'SOMEWHERE' }, 'source'), 2);
        assert.equal(pointsOf({ phone: '+5511999999999' }, 'phone'), 3);
        assert.equal(pointsOf({ email: 'a@b.com' }, 'email'), 3);
        assert.equal(pointsOf({ city: 'sao paulo' }, 'region'), 4);
        assert.equal(pointsOf({ city: 'Recife' }, 'region'), 0);
    });

    it('maps scores to temperatures at the thresholds', () => {
        assert.equal(temperatureOf(28, rules), 'QUENTE');
        assert.equal(temperatureOf(27, rules), 'MORNO');
        assert.equal(temperatureOf(16, rules), 'MORNO');
        assert.equal(temperatureOf(15, rules), 'FRIO');
    });

    it('keeps a score sent with the lead unless the rules re-score, explaining it either way', () => {
        const lead = { ...base, score: 35, status: 'QUENTE' as const, city: 'Recife' };
        const kept = scoreLead(lead, rules);
        assert.deepEqual([kept.score, kept.status, kept.kept], [35, 'QUENTE', true]);
        assert.ok(kept.breakdown.length > 0);
        const rescored = scoreLead(lead, { ...rules, rescore: true });
        assert.deepEqual([rescored.score, rescored.status], [2, 'FRIO']);
    });

    it('loads rules from a YAML or JSON file and names what is wrong in a bad one', () => {
        const dir = mkdtempSync(join(tmpdir(), 'rules-'));
        const yaml = join(dir, 'rules.yaml');
        writeFileSync(yaml, `rescore: true\nthresholds: {QUENTE: 10, MORNO: 5}\nincome: {bands: []}\nintent: {max: 0, words: []}\nsources: {default: 6, points: {}}\ncompleteness: {phone: 0, email: 0}\nregion: {points: 0, cities: []}\n`);
        const custom = loadScoringRules(yaml);
        assert.equal(scoreLead({ ...base }, custom).status, 'MORNO');
        const bad = join(dir, 'bad.json');
        writeFileSync(bad, JSON.stringify({ ...rules, thresholds: { QUENTE: 5, MORNO: 10 } }));
        assert.throws(() => loadScoringRules(bad), /thresholds QUENTE must be above MORNO/);
    });
});

describe('lead fields', () => {
    it('normalises Brazilian phones to E.164', () => {
        assert.equal(toE164('11999999999'), '+5511999999999');
        assert.equal(toE164('(11) 99999-9999'), '+5511999999999');
        assert.equal(toE164('011 3333-4444'), '+551133334444');
        assert.equal(toE164('+55 21 98765-4321'), '+5521987654321');
        assert.equal(toE164('5521987654321'), '+5521987654321');
        assert.equal(toE164('+1 415 555 0100'), '+14155550100');
        assert.equal(toE164('999'), null);
        assert.equal(toE164('11899999999'), null, 'mobiles start with 9');
    });

    it('reads amounts in Brazilian and plain notation', () => {
        assert.equal(parseMoney('R$ 15.000,50'), 15000.5);
        assert.equal(parseMoney('15000'), 15000);
        assert.equal(parseMoney(8000), 8000);
        assert.equal(parseMoney('muito'), null);
    });

    it('accepts Portuguese and English names and lists every bad field', () => {
        const en = normalizeJsonLead({ name: 'John', phone: '11 98888-7777', income: '9000', source: 'landing page' });
        assert.deepEqual([en.lead?.name, en.lead?.phone, en.lead?.income, en.lead?.source], ['John', '+5511988887777', 9000, 'LANDING_PAGE']);
        const bad = normalizeJsonLead({ nome: '', email: 'not-an-email', telefone: '123', score: 99, status: 'tepid' });
        assert.deepEqual(bad.issues.map((i) => i.field).sort(), ['email', 'nome', 'score', 'status', 'telefone']);
    });
});

describe("today's lead figures", () => {
    it('counts by temperature and source, with the median time to claim and unclaimed hot leads', () => {
        const now = Date.parse('2026-11-22T15:00:00Z');
        const lead = (id: number, status: Lead['status'], source: string, claimedAfterMin: number | null): Lead => ({
            ...base,
            id,
            name: `L${id}`,
            source,
            status,
            score: 0,
            breakdown: [],
            receivedAt: now - 60 * 60_000,
            claimedBy: claimedAfterMin === null ? null : { id: 'u', name: 'U', email: null },
            claimedAt: claimedAfterMin === null ? null : now - 60 * 60_000 + claimedAfterMin * 60_000,
            contactedAt: null,
            contactedBy: null
        });
        const stats = leadStats([lead(1, 'QUENTE', 'META_ADS', 4), lead(2, 'QUENTE', 'SITE', 10), lead(3, 'QUENTE', 'META_ADS', null), lead(4, 'FRIO', 'SITE', null)], now);
        assert.deepEqual(stats.byTemperature, { QUENTE: 3, MORNO: 0, FRIO: 1 });
        assert.deepEqual(stats.bySource, [['META_ADS', 2], ['SITE', 2]]);
        assert.equal(stats.medianMinutesToClaim, 7);
        assert.deepEqual(stats.unclaimedHot, [{ id: 3, name: 'L3', waitingMinutes: 60 }]);
    });
});
