import TurndownService from 'turndown';
import { escapeMarkdown, linkifyPlainText, markdownLink, safeUrl } from './markdown';

/** Teams messages stay readable well below its size limit; longer bodies link to the helpdesk. */
export const MAX_MESSAGE_CHARS = 3000;

const turndown = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced', emDelimiter: '_' });
// Text inside the HTML is escaped by the same helper as every other untrusted text (turndown's
// own escaping leaves `<` alone, so `&lt;at&gt;` would become mention markup).
turndown.escape = escapeMarkdown;
// Executable or invisible content never reaches Teams, not even as text.
turndown.remove(['script', 'style', 'iframe', 'object', 'embed', 'form', 'input', 'button', 'noscript', 'template']);
// Images become links: Teams text cannot embed them safely.
turndown.addRule('imageAsLink', {
    filter: 'img',
    replacement: (_content, node) => {
        const src = safeUrl((node as { getAttribute(name: string): string | null }).getAttribute('src'));
        return src && /^https?:/i.test(src) ? `[image](${src})` : '';
    }
});
// Only http(s) and mailto links survive (`javascript:` and friends become plain text); the URL
// is encoded so it cannot close its link early. `content` is already escaped Markdown.
turndown.addRule('safeLinks', {
    filter: 'a',
    replacement: (content, node) => {
        const href = safeUrl((node as { getAttribute(name: string): string | null }).getAttribute('href'));
        if (!href) return content;
        // A link inside the link text would nest links: keep the text of the inner one only.
        const label = content.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').trim();
        return label ? `[${label}](${href})` : markdownLink(href, href);
    }
});

/**
 * Converts a helpdesk message body to Teams markdown: HTML (Intercom API ≤ 2.14, Zendesk's
 * `html_body`) or plain text (Intercom ≥ 2.15). Links are kept, scripts and unsupported tags
 * dropped, long text cut with a link to the rest in the helpdesk (`more`).
 */
export function helpdeskBodyToTeams(body: string | null | undefined, more?: { url: string; label: string }): string {
    if (!body) return '';
    // HTML bodies are made of these tags; plain ones are the text as typed.
    const looksHtml = /<(p|br|div|span|a|b|i|u|strong|em|ul|ol|li|img|h[1-6]|blockquote|pre|code)\b[^>]*>/i.test(body);
    const text = (looksHtml ? turndown.turndown(body) : linkifyPlainText(body)).replace(/\n{3,}/g, '\n\n').trim();
    if (text.length <= MAX_MESSAGE_CHARS) return text;
    const cut = text.slice(0, MAX_MESSAGE_CHARS).replace(/\s+\S*$/, '');
    return `${cut} …${more ? ` ${markdownLink(more.label, more.url)}` : ''}`;
}

/** An Intercom body as Teams markdown, cut with a link to the conversation in Intercom. */
export const intercomBodyToTeams = (body: string | null | undefined, moreUrl?: string): string => helpdeskBodyToTeams(body, moreUrl ? { url: moreUrl, label: 'Read the rest in Intercom' } : undefined);
