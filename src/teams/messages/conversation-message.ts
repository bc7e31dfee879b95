import type { ConversationMessage } from '../../domain/conversation';
import { inlineText, markdownLink, quoteMarkdown } from '../../lib/markdown';
import type { ThreadMessageTexts } from '../../texts/card-texts';
import { HELPDESK_WORDS } from '../../texts/locales';
import type { OutboundActivity } from '../jobs/teams-send-jobs';

// Names come from the helpdesk (customers choose their own): escaped, one line.
const LABEL: Record<ConversationMessage['kind'], (name: string, helpdesk: string, t: ThreadMessageTexts) => string> = {
    customer: (name, _h, t) => t.wrote(inlineText(name)),
    admin: (name, helpdesk) => `**${inlineText(name)} (${helpdesk}):**`,
    note: (name, _h, t) => t.internalNote(inlineText(name)),
    fin: () => '🤖 **Fin:**',
    bot: (name) => `🤖 **${inlineText(name)}:**`
};

/**
 * A conversation message as a reply in the thread: who wrote it, the text quoted, attachments as
 * links. `message.text` is already Teams Markdown made safe by the body conversion; a customer's
 * is quoted line by line.
 */
export function conversationMessageActivity(message: ConversationMessage, t: ThreadMessageTexts): OutboundActivity {
    const quoted = message.kind === 'customer' ? quoteMarkdown(message.text) : message.text;
    const attachments = message.attachments.map((a) => `📎 ${markdownLink(a.name || t.attachment, a.url)}`).join('\n');
    return { text: [LABEL[message.kind](message.authorName, HELPDESK_WORDS[message.source ?? 'intercom'].name, t), quoted, attachments].filter((s) => s.length > 0).join('\n\n'), textFormat: 'markdown' };
}
