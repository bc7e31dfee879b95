import { z } from 'zod';
import { textMessage, type ThreadPoster } from '../../domain/thread-post';
import { defineJobHandler, type JobHandler } from '../../outbox/job-handler';
import type { NewJob } from '../../outbox/job-store';
import type { Locale } from '../../texts/locales';
import { supportTexts } from '../../texts/support-texts';
import type { HelpdeskAdapter, HelpdeskSource } from '../../domain/helpdesk';

/** The job kind that applies a keyword category in a helpdesk. */
export const categorizeKind = (source: string): string => `${source}.categorize`;

/** Sets a keyword category's tag (and priority) on a new conversation, once (its dedupe key). */
export function categorizeJob(input: { source: HelpdeskSource; conversationId: string; threadKey: string; tag: string; word: string; priority: boolean }): NewJob {
    return {
        kind: categorizeKind(input.source),
        payload: { conversationId: input.conversationId, threadKey: input.threadKey, tag: input.tag, word: input.word, priority: input.priority },
        orderingKey: `thread:${input.threadKey}`,
        dedupeKey: `categorize:${input.threadKey}:${input.tag}`
    };
}

/** Applies the category through the helpdesk's API and says so in the thread. */
export function categorizeHandler(adapter: HelpdeskAdapter, deps: { poster: ThreadPoster; defaultLocale: Locale }): JobHandler {
    return defineJobHandler({
        kind: categorizeKind(adapter.source),
        peer: adapter.source,
        payload: z.object({ conversationId: z.string().min(1).max(200), threadKey: z.string().min(1), tag: z.string().min(1).max(50), word: z.string().max(100), priority: z.boolean() }),
        readyIn: () => adapter.readyIn(),
        async run(p, context) {
            const done = await adapter.categorize(p.conversationId, { tag: p.tag, priority: p.priority });
            const text = supportTexts(undefined, deps.defaultLocale).categorized({ tag: p.tag, word: p.word, priority: p.priority, prioritized: done.prioritized, helpdesk: adapter.source });
            await context.enqueue([deps.poster.reply(p.threadKey, textMessage(text), `categorized:${p.threadKey}:${p.tag}`)]);
        }
    });
}
