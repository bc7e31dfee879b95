import { mentionMarkup } from '../lib/markdown';
import type { NewJob } from '../outbox/job-store';
import type { Stream } from '../store/channel-bindings-repo';
import type { ConversationMessage, ConversationSnapshot } from './conversation';
import type { Lead } from './lead';
import type { WhatsAppContact } from './whatsapp-contact';

/**
 * What the domain posts in a customer thread, said without Teams: the domain decides *what*
 * (start a thread with this root card, reply with this message, bring the root card up to date);
 * `src/teams/thread-poster.ts` decides *how* (Adaptive Cards, activities, send jobs).
 */

/** The live card at the root of a thread: which object it shows. */
export type ThreadCard =
    | { kind: 'conversation'; snapshot: ConversationSnapshot; notice?: string }
    | { kind: 'whatsapp'; contact: WhatsAppContact; leadUrl: string | null; aiConnected: boolean }
    | { kind: 'lead'; lead: Lead; kommoUrl: string | null };

/** Someone @mentioned in a message: `text` is the mention's markup as it appears in the message. */
export interface ThreadMention {
    text: string;
    userId: string;
    name: string;
}

/** A message in a thread: text Deskbridge wrote (untrusted parts already escaped), or a customer conversation's message. */
export type ThreadMessage =
    | { kind: 'text'; text: string; format?: 'markdown' | 'plain'; mentions?: readonly ThreadMention[] }
    | { kind: 'conversation-message'; message: ConversationMessage };

/** Where a new thread goes: the channel bound to a stream, or a channel a routing rule picked. */
export type ThreadTarget = { stream: Stream } | { teamId: string; channelId: string };

/** The jobs that post in threads, addressed by thread key (`intercom:123`, `kommo:456`, `lead:7`). */
export interface ThreadPoster {
    /** Starts the thread of a key once (later calls with the same key post nothing new). */
    start(threadKey: string, target: ThreadTarget, root: ThreadCard | ThreadMessage, dedupeKey?: string): NewJob;
    /** A reply in the thread of a key (queued after its start on the same key). */
    reply(threadKey: string, message: ThreadMessage, dedupeKey?: string): NewJob;
    /** Replaces the root card of the thread of a key. */
    updateRoot(threadKey: string, card: ThreadCard, dedupeKey?: string): NewJob;
}

/** An @mention of a Teams user by name (cleaned, as `lib/markdown.ts` `mentionMarkup` does). */
export function personMention(userId: string, name: string | null | undefined): ThreadMention {
    const markup = mentionMarkup(name);
    return { text: markup.text, userId, name: markup.name };
}

/** A text message, Markdown by default. */
export function textMessage(text: string, mentions?: readonly ThreadMention[]): ThreadMessage {
    return mentions && mentions.length > 0 ? { kind: 'text', text, format: 'markdown', mentions } : { kind: 'text', text, format: 'markdown' };
}
