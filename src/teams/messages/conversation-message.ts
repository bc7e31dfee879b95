import type { ConversationMessage } from '../../domain/conversation';
import type { OutboundActivity } from '../jobs/teams-send-jobs';

const LABEL: Record<ConversationMessage['kind'], (name: string) => string> = {
    customer: (name) => `**${name}** wrote:`,
    admin: (name) => `**${name} (Intercom):**`,
    note: (name) => `🔒 **Internal note by ${name}:**`,
    fin: () => '🤖 **Fin:**',
    bot: (name) => `🤖 **${name}:**`
};

/** Text as a Markdown quote, line by line. */
export const quoteLines = (text: string): string => text.split('\n').map((line) => `> ${line}`).join('\n');

/** A conversation message as a reply in the thread: who wrote it, the text quoted, attachments as links. */
export function conversationMessageActivity(message: ConversationMessage): OutboundActivity {
    const quoted = message.kind === 'customer' ? quoteLines(message.text) : message.text;
    const attachments = message.attachments.map((a) => `📎 [${a.name}](${a.url})`).join('\n');
    return { text: [LABEL[message.kind](message.authorName), quoted, attachments].filter((s) => s.length > 0).join('\n\n'), textFormat: 'markdown' };
}
