/**
 * The one way untrusted text (customer names, subjects, emails, attachment names, lead fields,
 * WhatsApp and AI text) reaches a Teams message or an Adaptive Card. Both render a CommonMark
 * subset, where a backslash before ASCII punctuation makes it literal: a customer named
 * `**Admin** [Reset](https://x.example)` shows exactly that, bold markers and brackets visible,
 * no link. `<` is escaped too, so `<at>…</at>` mention markup and autolinks stay text.
 */

/** Characters that start or end Markdown constructs anywhere in a line; `&` only where it starts an entity (`&lt;`). */
const INLINE_SPECIAL = /[\\`*_[\]<>~]|&(?=#?[a-z0-9]+;)/gi;
/** Constructs that only count at the start of a line: headings, quotes, list items, rules. */
const LINE_START = /^(\s*)([#>+=-]|\d+[.)])/gm;
/** Line breaks of every kind, for fields that must stay on one line. */
const LINE_BREAKS = /[\r\n\u0085\u2028\u2029\t\v\f]+/g;
/** Control characters and bidirectional overrides, which can make text display as other text. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this removes
const INVISIBLE = /[\u0000-\u0008\u000e-\u001f\u007f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** Text with every Markdown control character escaped; line breaks are kept. */
export function escapeMarkdown(text: string): string {
    return text
        .replace(INVISIBLE, '')
        .replace(INLINE_SPECIAL, (c) => `\\${c}`)
        .replace(LINE_START, (_m, space: string, marker: string) => `${space}\\${marker}`)
        // Adaptive Cards evaluate `{{DATE(…)}}` / `{{TIME(…)}}` in text: a zero-width space keeps braces literal.
        .replace(/\{\{/g, '{\u200b{');
}

/**
 * One line of plain text, for places that show no Markdown (button titles, summaries): line
 * breaks collapsed to one space, invisible characters dropped, cut at `maxLength` with `…`.
 */
export function singleLine(text: string | null | undefined, maxLength = 200): string {
    if (!text) return '';
    const line = text.replace(INVISIBLE, '').replace(LINE_BREAKS, ' ').replace(/ {2,}/g, ' ').trim();
    return line.length > maxLength ? `${line.slice(0, maxLength - 1)}…` : line;
}

/** A single-line field (name, title, label) for Markdown: {@link singleLine}, then escaped. */
export function inlineText(text: string | null | undefined, maxLength = 200): string {
    return escapeMarkdown(singleLine(text, maxLength));
}

/** Plain text as a Markdown quote, line by line: escaped, its web and mail addresses safe links. */
export function quoteLines(text: string): string {
    return quoteMarkdown(linkifyPlainText(text));
}

/** Markdown that is already safe (escaped) as a quote, line by line. */
export function quoteMarkdown(markdown: string): string {
    return markdown
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n');
}

/** URL schemes that may become links; everything else (`javascript:`, `data:`, …) stays text. */
const LINK_SCHEMES = new Set(['https:', 'http:', 'mailto:']);

/**
 * The URL as it may appear in a Markdown link, or undefined when it must not be a link: only
 * http, https and mailto; parentheses, brackets, spaces, quotes and angle brackets are
 * percent-encoded so the URL can never close its own link and open another.
 */
export function safeUrl(value: string | null | undefined): string | undefined {
    if (!value) return undefined;
    const trimmed = value.replace(INVISIBLE, '').trim();
    let url: URL;
    try {
        url = new URL(trimmed);
    } catch {
        return undefined;
    }
    if (!LINK_SCHEMES.has(url.protocol)) return undefined;
    if ((url.protocol === 'http:' || url.protocol === 'https:') && !url.hostname) return undefined;
    return url.href.replace(/[()[\]\s"'<>\\`{}|^]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** `[text](url)` with the text escaped; just the escaped text when the URL may not be a link. */
export function markdownLink(text: string, url: string | null | undefined): string {
    const href = safeUrl(url);
    const label = inlineText(text, 300);
    return href ? `[${label || escapeMarkdown(href)}](${href})` : label;
}

/** Web and mail addresses inside plain text. Trailing sentence punctuation is not part of them. */
const URL_IN_TEXT = /\b(?:https?:\/\/|mailto:)[^\s<>"]+/gi;

/**
 * Plain text (Intercom ≥ 2.15, Kommo, n8n, AI answers) as Markdown: everything escaped, and the
 * web and mail addresses in it made links through {@link safeUrl}.
 */
export function linkifyPlainText(text: string): string {
    let out = '';
    let last = 0;
    for (const match of text.matchAll(URL_IN_TEXT)) {
        const start = match.index ?? 0;
        const raw = match[0].replace(/[.,;:!?'")\]]+$/, '');
        out += escapeMarkdown(text.slice(last, start));
        const href = safeUrl(raw);
        out += href ? `[${escapeMarkdown(raw)}](${href})` : escapeMarkdown(raw);
        last = start + raw.length;
    }
    return out + escapeMarkdown(text.slice(last));
}

/**
 * A Teams @mention's markup for a display name: `<at>Name</at>`, the same text to put in the
 * message and in the mention entity. Angle brackets and line breaks are taken out of the name so
 * it cannot close the tag or open another.
 */
export function mentionMarkup(name: string | null | undefined, fallback = 'you'): { text: string; name: string } {
    const clean = (name ?? '').replace(INVISIBLE, '').replace(LINE_BREAKS, ' ').replace(/[<>]/g, '').trim().slice(0, 100) || fallback;
    return { text: `<at>${clean}</at>`, name: clean };
}
