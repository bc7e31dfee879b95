const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * An agent's plain text as the HTML body a helpdesk expects (Intercom's `body`, Zendesk's
 * `html_body`): escaped, blank lines as paragraphs, single line breaks kept.
 */
export function textToHtml(text: string): string {
    return text
        .trim()
        .split(/\n\s*\n/)
        .map((p) => `<p>${p.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!).replace(/\n/g, '<br>')}</p>`)
        .join('');
}

/** Intercom's name for {@link textToHtml}. */
export const textToIntercomHtml = textToHtml;
