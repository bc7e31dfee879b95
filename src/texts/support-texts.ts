import { inlineText } from '../lib/markdown';
import { resolveLocale } from './i18n';
import { HELPDESK_WORDS, type HelpdeskSource, type Locale } from './locales';

/** A satisfaction rating as the texts show it. */
export interface RatingView {
    score: 'good' | 'bad' | 1 | 2 | 3 | 4 | 5;
    comment: string | null;
}

/** What the support flow posts in a thread besides messages and acknowledgements. */
export interface SupportTexts {
    /** The customer rated the conversation; the comment is the customer's, escaped here. */
    rating: (r: RatingView) => string;
    /** The score alone, for the card. */
    ratingScore: (r: RatingView) => string;
    /** A keyword category set the helpdesk's tag (and priority). */
    categorized: (c: { tag: string; word: string; priority: boolean; prioritized: boolean; helpdesk: HelpdeskSource }) => string;
}

const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);
const GOOD_BAD: Record<Locale, { good: string; bad: string }> = { en: { good: '👍 Good', bad: '👎 Bad' }, 'pt-BR': { good: '👍 Boa', bad: '👎 Ruim' }, de: { good: '👍 Gut', bad: '👎 Schlecht' } };

/** A rating's score in `locale`: Zendesk's good or bad, Intercom's stars — the one place it is worded. */
export function ratingScore(locale: Locale, r: RatingView): string {
    return r.score === 'good' || r.score === 'bad' ? GOOD_BAD[locale][r.score] : `${stars(r.score)} (${r.score}/5)`;
}
const comment = (r: RatingView) => (r.comment ? `: “${inlineText(r.comment, 500)}”` : '');

const catalog: Record<Locale, SupportTexts> = {
    en: {
        ratingScore: (r) => ratingScore('en', r),
        rating: (r) => `⭐ **The customer rated this conversation** ${catalog.en.ratingScore(r)}${comment(r)}`,
        categorized: (c) => `🏷️ Tagged **${inlineText(c.tag)}**${c.prioritized ? ' and raised to high priority' : ''} in ${HELPDESK_WORDS[c.helpdesk].name} (the customer wrote “${inlineText(c.word)}”).${c.priority && !c.prioritized ? ` ${HELPDESK_WORDS[c.helpdesk].name}'s API has no priority to set.` : ''}`
    },
    'pt-BR': {
        ratingScore: (r) => ratingScore('pt-BR', r),
        rating: (r) => `⭐ **O cliente avaliou esta conversa** ${catalog['pt-BR'].ratingScore(r)}${comment(r)}`,
        categorized: (c) => `🏷️ Marcada com **${inlineText(c.tag)}**${c.prioritized ? ' e prioridade alta' : ''} no ${HELPDESK_WORDS[c.helpdesk].name} (o cliente escreveu “${inlineText(c.word)}”).${c.priority && !c.prioritized ? ` A API do ${HELPDESK_WORDS[c.helpdesk].name} não tem prioridade para definir.` : ''}`
    },
    de: {
        ratingScore: (r) => ratingScore('de', r),
        rating: (r) => `⭐ **Der Kunde hat diese Konversation bewertet** ${catalog.de.ratingScore(r)}${comment(r)}`,
        categorized: (c) => `🏷️ In ${HELPDESK_WORDS[c.helpdesk].name} mit **${inlineText(c.tag)}** markiert${c.prioritized ? ' und auf hohe Priorität gesetzt' : ''} (der Kunde schrieb „${inlineText(c.word)}“).${c.priority && !c.prioritized ? ` Die API von ${HELPDESK_WORDS[c.helpdesk].name} bietet keine Priorität.` : ''}`
    }
};

export function supportTexts(tag: string | undefined, fallback: Locale): SupportTexts {
    return catalog[resolveLocale(tag, fallback)];
}
