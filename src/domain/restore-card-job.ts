import type { ThreadPoster } from './thread-post';
import { z } from 'zod/v4';
import type { JobHandler } from '../outbox/job-handler';
import { jobType } from '../outbox/job-type';
import type { NewJob } from '../outbox/job-store';
import type { ConversationSnapshotsRepo } from '../store/conversation-snapshots-repo';
import { asSnapshot } from './conversation';
import { refreshCardJob } from './mirror-conversation';

/**
 * Puts a thread's card back to its stored state: a card button shows "⏳ … requested" at once,
 * and when the action fails for good that line must not stay on the card.
 */
export const RESTORE_CARD = jobType({ kind: 'conversation.restore_card', peer: 'deskbridge', payload: z.object({ threadKey: z.string().min(1) }), orderingKey: (p) => `thread:${p.threadKey}` });
export const RESTORE_CARD_JOB = RESTORE_CARD.kind;

export const restoreCardJob = (threadKey: string): NewJob => RESTORE_CARD.create({ threadKey });

/** The handler of {@link restoreCardJob}. */
export function restoreCardHandler(snapshots: ConversationSnapshotsRepo, poster: ThreadPoster): JobHandler {
    return RESTORE_CARD.handler({
        async run({ threadKey }, context) {
            const snapshot = asSnapshot(await snapshots.get(threadKey));
            if (snapshot) await context.enqueue([refreshCardJob(poster, snapshot, `card:${threadKey}:restore:${context.jobId}`)]);
        }
    });
}
