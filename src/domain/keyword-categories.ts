import { containsWord } from './routing';

/** A keyword category: conversations mentioning one of its words get its tag and, optionally, high priority. */
export interface KeywordCategory {
    tag: string;
    words: string[];
    priority: boolean;
}

const TAG = /^[\p{L}\p{N}_-]{1,50}$/u;

/**
 * Parses `SUPPORT_KEYWORD_CATEGORIES`: `tag:word,word;tag:word`, a `!` after the tag raising the
 * priority too (`complaint!:Reklamation,complaint,Beschwerde;refund:refund,reembolso`). Returns
 * the problems instead of throwing, so the configuration can list them all at start.
 */
export function parseKeywordCategories(value: string | undefined): { categories: KeywordCategory[]; problems: string[] } {
    const categories: KeywordCategory[] = [];
    const problems: string[] = [];
    for (const [i, part] of (value ?? '').split(';').map((p) => p.trim()).entries()) {
        if (!part) continue;
        const colon = part.indexOf(':');
        const head = colon < 0 ? '' : part.slice(0, colon).trim();
        const priority = head.endsWith('!');
        const tag = priority ? head.slice(0, -1) : head;
        const words = colon < 0 ? [] : part.slice(colon + 1).split(',').map((w) => w.trim()).filter(Boolean);
        if (!TAG.test(tag) || words.length === 0 || words.some((w) => w.length > 100)) problems.push(`category ${i + 1} ("${part.slice(0, 60)}") must be tag:word,word (tag of letters, digits, _ or -, up to 50; words up to 100)`);
        else categories.push({ tag, words, priority });
    }
    if (categories.length > 50) problems.push('at most 50 categories');
    return { categories, problems };
}

/** The categories whose words appear (as whole words, any case) in a conversation's subject and opening message. */
export function matchingCategories(categories: readonly KeywordCategory[], text: string): Array<KeywordCategory & { word: string }> {
    const out: Array<KeywordCategory & { word: string }> = [];
    for (const c of categories) {
        const word = c.words.find((w) => containsWord(text, w));
        if (word) out.push({ ...c, word });
    }
    return out;
}
