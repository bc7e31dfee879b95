import assert from 'node:assert/strict';
import type * as AdaptiveCards from 'adaptivecards';
import { cardSamples, type CardSample } from '../../scripts/card-samples';
import type { CardAction } from '../../src/teams/cards/adaptive-card';
import { conversationCardTexts, leadCardTexts, statusCardTexts, whatsappCardTexts } from '../../src/texts/card-texts';
import { textsFor } from '../../src/texts/i18n';
import type { Locale } from '../../src/texts/locales';

// Microsoft's own renderer library, its browser bundle (the package's ES build does not load in Node): parsing needs no DOM.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/** What Microsoft's parser, reading the card as version 1.5, reports about it (unknown elements, bad values, too many actions…). */
function parserProblems(card: unknown): string[] {
    const parsed = new AC.AdaptiveCard();
    const context = new AC.SerializationContext(AC.Versions.v1_5);
    parsed.parse(card as AdaptiveCards.PropertyBag, context);
    const problems: string[] = [];
    for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
    for (const e of parsed.validateProperties().validationEvents) problems.push(e.message);
    return problems;
}

/** Every string a card shows (texts, fact titles and values, button titles, input labels), recursively. */
function visibleStrings(node: unknown, out: string[] = []): string[] {
    if (Array.isArray(node)) node.forEach((n) => visibleStrings(n, out));
    else if (node && typeof node === 'object') {
        for (const [key, value] of Object.entries(node)) {
            if (['text', 'title', 'value', 'label', 'placeholder', 'errorMessage'].includes(key) && typeof value === 'string') out.push(value);
            else if (key !== 'data' && key !== 'url') visibleStrings(value, out);
        }
    }
    return out;
}

/** Internal values an agent must never read on a card. */
// Underscores may arrive Markdown-escaped (`META\\_ADS`): still a raw key.
const RAW_KEYS = [/\bQUENTE\b/, /\bMORNO\b/, /\bFRIO\b/, /\bMETA\\?_ADS\b/, /\bRD\\?_STATION\b/, /\bwaba\b/, /\bhalf\\?_open\b/, /Priority: Priority/, /\bresolution\\?_state\b/, /\{"(type|errors)"/];

describe('every card, as Microsoft\'s Adaptive Cards parser reads it', () => {
    const samples = cardSamples();

    it('covers each card factory in each locale', () => {
        const names = new Set(samples.map((s) => s.name.split('/')[0]));
        assert.deepEqual([...names].sort(), ['conversation', 'help', 'lead', 'status', 'whatsapp']);
        assert.equal(new Set(samples.map((s) => s.locale)).size, 3);
    });

    for (const sample of samples) {
        it(`${sample.name} (${sample.locale}) is valid 1.5 and under 28 KB`, () => {
            assert.deepEqual(parserProblems(sample.card), []);
            // Teams refuses messages over 28 KB; a card must leave room for the rest of the activity.
            assert.ok(Buffer.byteLength(JSON.stringify(sample.card)) < 28 * 1024);
        });
    }
});

/** Every fixed string a locale's card catalogues hold (functions are called with a sample, so their words count too). */
function catalogueStrings(locale: Locale): Set<string> {
    const out = new Set<string>();
    const walk = (v: unknown) => {
        if (typeof v === 'string') out.add(v);
        else if (typeof v === 'function') {
            try {
                const r = (v as (...a: unknown[]) => unknown)('X', 'X', 'X');
                if (typeof r === 'string') out.add(r);
            } catch {
                // A text that needs a real argument is checked through the cards themselves.
            }
        } else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    [conversationCardTexts(locale, 'en'), whatsappCardTexts(locale, 'en'), leadCardTexts(locale, 'en'), statusCardTexts(locale, 'en'), textsFor(locale)].forEach(walk);
    return out;
}

describe('every card, for the person reading it', () => {
    const samples = cardSamples();
    const english = new Set([...catalogueStrings('en')].filter((v) => v.length > 3));
    const primary = (s: CardSample) => (s.card.actions ?? []).filter((a: CardAction) => a.mode !== 'secondary');

    for (const sample of samples) {
        it(`${sample.name} (${sample.locale}): at most three visible buttons, no raw key${sample.locale === 'en' ? '' : ', no English text'}`, () => {
            assert.ok(primary(sample).length <= 3, `${primary(sample).length} visible buttons`);
            const strings = visibleStrings(sample.card);
            for (const raw of RAW_KEYS) assert.ok(!strings.some((s) => raw.test(s)), `raw key ${raw} shown`);
            assert.ok(!strings.some((s) => s.includes('`')), 'no literal backticks');
            if (sample.locale !== 'en') {
                // A word both languages use ("Team" in German, "Tags" in Portuguese) is the locale's own.
                const own = catalogueStrings(sample.locale);
                const leaked = strings.filter((s) => english.has(s) && !own.has(s));
                assert.deepEqual(leaked, [], 'English texts in a translated card');
            }
        });
    }
});

describe('the conversation card, at a glance', () => {
    it('says what matters first: waiting, escalated, snoozed, pending, closed', () => {
        const first = (name: string) => (cardSamples().find((s) => s.name === name && s.locale === 'en')!.card.body[0] as unknown as { text: string; color: string });
        assert.deepEqual(first('conversation/open-waiting'), { type: 'TextBlock', text: '🔴 Waiting on us · 47 min · unassigned', color: 'Attention', weight: 'Bolder', wrap: true });
        assert.match(first('conversation/escalated-priority').text, /^🟡 Fin handed over to a human · 47 min · ⬆️ high priority$/);
        assert.match(first('conversation/snoozed').text, /^💤 Snoozed until \{\{DATE\(2026-12-03T08:00:00Z, SHORT\)\}\} \{\{TIME\(2026-12-03T08:00:00Z\)\}\}$/);
        assert.equal(first('conversation/zendesk-pending').text, '⏸ Pending: waiting for the customer · unassigned');
        assert.equal(first('conversation/closed-rated').text, '✅ Closed');
    });

    it('collapses a closed conversation to its summary and Reopen', () => {
        const closed = cardSamples().find((s) => s.name === 'conversation/closed-rated' && s.locale === 'en')!.card;
        assert.deepEqual((closed.actions ?? []).map((a) => a.title), ['Reopen', 'Open in Intercom']);
        assert.match(JSON.stringify(closed), /★★★★★ \(5\/5\)/);
    });

    it('keeps reply and note apart: a labelled, required box, and two different actions', () => {
        const open = cardSamples().find((s) => s.name === 'conversation/open-waiting' && s.locale === 'en')!.card;
        const reply = (open.actions ?? []).find((a) => a.type === 'Action.ShowCard') as CardAction & { card: { body: Array<Record<string, unknown>>; actions: CardAction[] } };
        assert.deepEqual({ label: reply.card.body[0]!.label, isRequired: reply.card.body[0]!.isRequired }, { label: 'Your message', isRequired: true });
        assert.deepEqual(reply.card.actions.map((a) => [a.title, a.verb, a.style ?? null]), [['Send to customer', 'reply', 'positive'], ['🔒 Save internal note', 'note', null]]);
        assert.ok(reply.card.actions.every((a) => (a.fallback as { type: string }).type === 'Action.Submit'), 'Action.Submit fallbacks are kept');
    });
});

describe('the lead card, at a glance', () => {
    it('says how hot the lead is and whether someone has it, with its score reasons in the reader\'s language', () => {
        const card = (locale: string) => cardSamples().find((s) => s.name === 'lead/unclaimed' && s.locale === locale)!.card;
        assert.equal((card('en').body[0] as unknown as { text: string }).text, '🔥 Hot lead · unclaimed 12 min');
        const de = JSON.stringify(card('de'));
        assert.match(de, /\+10 Interesse nennt .*2 quartos.* · \+5 Quelle Meta Ads/);
        assert.match(de, /"title":"Übernehmen"/);
        assert.doesNotMatch(de, /source|served region|Claim"/);
    });
});
