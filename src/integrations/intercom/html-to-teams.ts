import TurndownService from 'turndown';

/** Teams messages stay readable well below its size limit; longer bodies link to Intercom. */
export const MAX_MESSAGE_CHARS = 3000;

const turndown = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced', emDelimiter: '_' });
// Executable or invisible content never reaches Teams, not even as text.
turndown.remove(['script', 'style', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'noscript', 'template']);
// Images become links: Teams text cannot embed them safely.
turndown.addRule('imageAsLink', {
    filter: 'img',
    replacement: (_content, node) => {
        const src = (node as { getAttribute(name: string): string | null }).getAttribute('src') ?? '';
        return /^https?:\/\//i.test(src) ? `[image](${src})` : '';
    }
});
// Only http(s) and mailto links survive; `javascript:` and friends become plain text.
turndown.addRule('safeLinks', {
    filter: 'a',
    replacement: (content, node) => {
        const href = (node as { getAttribute(name: string): string | null }).getAttribute('href') ?? '';
        return /^(https?:|mailto:)/i.test(href) ? `[${content || href}](${href})` : content;
    }
});

/**
 * Converts an Intercom body to Teams markdown: HTML (API ≤ 2.14) or plain text (≥ 2.15).
 * Links are kept, scripts and unsupported tags dropped, long text cut with a link to the rest.
 */
export function intercomBodyToTeams(body: string | null | undefined, moreUrl?: string): string {
    if (!body) return '';
    // Bodies up to API 2.14 are HTML made of these tags; later ones are the text as typed.
    const looksHtml = /<(p|br|div|span|a|b|i|u|strong|em|ul|ol|li|img|h[1-6]|blockquote|pre|code)\b[^>]*>/i.test(body);
    const text = (looksHtml ? turndown.turndown(body) : body).replace(/\n{3,}/g, '\n\n').trim();
    if (text.length <= MAX_MESSAGE_CHARS) return text;
    const cut = text.slice(0, MAX_MESSAGE_CHARS).replace(/\s+\S*$/, '');
    return `${cut} …${moreUrl ? ` [Read the rest in Intercom](${moreUrl})` : ''}`;
}
