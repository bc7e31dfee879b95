const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * An agent's plain text as the HTML body Intercom expects: escaped, blank lines as paragraphs,
 * single line breaks kept.
 */
export function textToIntercomHtml(text: string): string {
    return text
        .trim()
        .split(/\n\s*\n/)
        .map((p) => `<p>${p.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!).replace(/\n/g, '<br>')}</p>`)
        .join('');
}
