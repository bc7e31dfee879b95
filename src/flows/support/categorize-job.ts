import { z } from 'zod/v4';
import { textMessage, type ThreadPoster } from '../../domain/thread-post';
import type { JobHandler } from '../../outbox/job-handler';
import { jobType, type JobType } from '../../outbox/job-type';
import type { NewJob } from '../../outbox/job-store';
import type { Locale } from '../../texts/locales';
import { supportTexts } from '../../texts/support-texts';
import { HELPDESK_SOURCES, type HelpdeskAdapter, type HelpdeskSource } from '../../domain/helpdesk';

const payload = z.object({ conversationId: z.string().min(1).max(200), threadKey: z.string().min(1), tag: z.string().min(1).max(50), word: z.string().max(100), priority: z.boolean() });

/** The job kind that applies a keyword category in a helpdesk (`intercom.categorize`, `zendesk.categorize`), once per conversation and tag. */
export const CATEGORIZE: Record<HelpdeskSource, JobType<typeof payload>> = Object.fromEntries(
    HELPDESK_SOURCES.map((source) => [source, jobType({ kind: `${source}.categorize`, peer: source, payload, orderingKey: (p) => `thread:${p.threadKey}`, dedupeKey: (p) => `categorize:${p.threadKey}:${p.tag}` })])
) as Record<HelpdeskSource, JobType<typeof payload>>;

/** Sets a keyword category's tag (and priority) on a new conversation. */
export function categorizeJob(input: { source: HelpdeskSource } & z.input<typeof payload>): NewJob {
    const { source, ...p } = input;
    return CATEGORIZE[source].create(p);
}

/** Applies the category through the helpdesk's API and says so in the thread. */
export function categorizeHandler(adapter: HelpdeskAdapter, deps: { poster: ThreadPoster; defaultLocale: Locale }): JobHandler {
    return CATEGORIZE[adapter.source].handler({
        readyIn: () => adapter.readyIn(),
        async run(p, context) {
            const done = await adapter.categorize(p.conversationId, { tag: p.tag, priority: p.priority });
            const text = supportTexts(undefined, deps.defaultLocale).categorized({ tag: p.tag, word: p.word, priority: p.priority, prioritized: done.prioritized, helpdesk: adapter.source });
            await context.enqueue([deps.poster.reply(p.threadKey, textMessage(text), `categorized:${p.threadKey}:${p.tag}`)]);
        }
    });
}
