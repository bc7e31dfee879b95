import type { ScoringRules } from './lead-scoring';

/**
 * The scoring rules shipped with Deskbridge (0–40 points). Override them with a JSON or YAML file
 * of the same shape at `LEADS_SCORING_RULES`.
 */
export const DEFAULT_SCORING_RULES: ScoringRules = {
    rescore: false,
    thresholds: { QUENTE: 28, MORNO: 16 },
    income: {
        bands: [
            { min: 15000, points: 12, reason: 'income ≥ R$ 15,000' },
            { min: 8000, points: 8, reason: 'income ≥ R$ 8,000' },
            { min: 4000, points: 4, reason: 'income ≥ R$ 4,000' }
        ]
    },
    intent: {
        max: 10,
        words: [
            { word: 'urgente', points: 4 },
            { word: 'urgent', points: 4 },
            { word: 'imediato', points: 4 },
            { word: 'comprar', points: 3 },
            { word: 'buy', points: 3 },
            { word: 'investimento', points: 3 },
            { word: 'investment', points: 3 },
            { word: 'à vista', points: 4 },
            { word: 'financiamento aprovado', points: 4 },
            { word: 'visita', points: 3 },
            { word: 'visit', points: 3 }
        ]
    },
    sources: { default: 2, points: { INDICACAO: 8, REFERRAL: 8, GOOGLE_ADS: 6, SITE: 6, LANDING_PAGE: 6, META_ADS: 5, RD_STATION: 5, KOMMO: 4 } },
    completeness: { phone: 3, email: 3 },
    region: { points: 4, cities: ['São Paulo', 'Campinas', 'Santos', 'Guarulhos', 'Osasco', 'Santo André', 'São Bernardo do Campo'] }
};
