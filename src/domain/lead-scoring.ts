import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod/v4';
import type { LeadInput, ScoreReason, Temperature } from './lead';
import { DEFAULT_SCORING_RULES } from './lead-scoring-rules';

export const scoringRulesSchema = z.object({
    /** Score every lead, even one that arrives with its own score or status. */
    rescore: z.boolean().default(false),
    thresholds: z.object({ QUENTE: z.number().min(0).max(40), MORNO: z.number().min(0).max(40) }).refine((t) => t.QUENTE > t.MORNO, 'QUENTE must be above MORNO'),
    income: z.object({ bands: z.array(z.object({ min: z.number().nonnegative(), points: z.number().min(0), reason: z.string() })) }),
    intent: z.object({ max: z.number().min(0), words: z.array(z.object({ word: z.string().min(1), points: z.number().min(0) })) }),
    sources: z.object({ default: z.number().min(0), points: z.record(z.string(), z.number().min(0)) }),
    completeness: z.object({ phone: z.number().min(0), email: z.number().min(0) }),
    region: z.object({ points: z.number().min(0), cities: z.array(z.string()) })
});

export type ScoringRules = z.input<typeof scoringRulesSchema>;
type Rules = z.output<typeof scoringRulesSchema>;

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Loads the rules: the file at `path` (JSON or YAML), else the shipped defaults. Throws naming the problem. */
export function loadScoringRules(path: string | undefined): Rules {
    if (!path) return scoringRulesSchema.parse(DEFAULT_SCORING_RULES);
    const text = readFileSync(path, 'utf8');
    const data: unknown = /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
    const parsed = scoringRulesSchema.safeParse(data);
    if (!parsed.success) throw new Error(`LEADS_SCORING_RULES ${path}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    return parsed.data;
}

/** The temperature of a score under the rules' thresholds. */
export function temperatureOf(score: number, rules: Rules): Temperature {
    if (score >= rules.thresholds.QUENTE) return 'QUENTE';
    if (score >= rules.thresholds.MORNO) return 'MORNO';
    return 'FRIO';
}

/**
 * Scores a lead from 0 to 40 with a reason for every point: income band, intent and urgency words
 * in the interest, source quality, contact completeness, city in the served region. A lead that
 * came with its own score or status keeps it (the breakdown is still computed and shown) unless
 * the rules say `rescore`.
 */
export function scoreLead(lead: LeadInput, rules: Rules): { score: number; status: Temperature; breakdown: ScoreReason[]; kept: boolean } {
    const breakdown: ScoreReason[] = [];
    const band = lead.income !== null ? rules.income.bands.filter((b) => lead.income! >= b.min).sort((a, b) => b.min - a.min)[0] : undefined;
    if (band && band.points > 0) breakdown.push({ rule: 'income', points: band.points, reason: band.reason });

    const interest = fold(lead.interest ?? '');
    let intent = 0;
    const found: string[] = [];
    for (const w of rules.intent.words) {
        if (new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(fold(w.word))}($|[^\\p{L}\\p{N}])`, 'u').test(interest)) {
            intent += w.points;
            found.push(w.word);
        }
    }
    intent = Math.min(intent, rules.intent.max);
    if (intent > 0) breakdown.push({ rule: 'intent', points: intent, reason: `interest mentions ${found.map((w) => `"${w}"`).join(', ')}`, detail: found.map((w) => `"${w}"`).join(', ') });

    const sourceKey = lead.source.toUpperCase();
    const sourcePoints = rules.sources.points[sourceKey] ?? rules.sources.default;
    if (sourcePoints > 0) breakdown.push({ rule: 'source', points: sourcePoints, reason: `source ${sourceKey}`, detail: sourceKey });

    if (lead.phone) breakdown.push({ rule: 'phone', points: rules.completeness.phone, reason: 'valid phone' });
    if (lead.email) breakdown.push({ rule: 'email', points: rules.completeness.email, reason: 'valid email' });

    const city = fold(lead.city ?? '');
    if (city && rules.region.cities.some((c) => fold(c) === city)) breakdown.push({ rule: 'region', points: rules.region.points, reason: `${lead.city} is in the served region`, detail: lead.city ?? '' });

    const computed = Math.max(0, Math.min(40, breakdown.reduce((sum, r) => sum + r.points, 0)));
    const kept = !rules.rescore && (lead.score !== null || lead.status !== null);
    if (!kept) return { score: computed, status: temperatureOf(computed, rules), breakdown, kept };
    const score = lead.score !== null ? Math.max(0, Math.min(40, lead.score)) : computed;
    return { score, status: lead.status ?? temperatureOf(score, rules), breakdown, kept };
}
