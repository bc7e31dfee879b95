import type { ThreadPoster } from './thread-post';
import { z } from 'zod';
import { defineJobHandler, type JobHandler } from '../outbox/job-handler';
import type { NewJob } from '../outbox/job-store';
import type { ConversationSnapshotsRepo } from '../store/conversation-snapshots-repo';
import { asSnapshot } from './conversation';
import { refreshCardJob } from './mirror-conversation';

export const RESTORE_CARD_JOB = 'conversation.restore_card';

/**
 * Puts a thread's card back to its stored state: a card button shows "⏳ … requested" at once,
 * and when the action fails for good that line must not stay on the card.
 */
export function restoreCardJob(threadKey: string): NewJob {
    return { kind: RESTORE_CARD_JOB, payload: { threadKey }, orderingKey: `thread:${threadKey}` };
}

/** The handler of {@link restoreCardJob}. */
export function restoreCardHandler(snapshots: ConversationSnapshotsRepo, poster: ThreadPoster): JobHandler {
    return defineJobHandler({
        kind: RESTORE_CARD_JOB,
        peer: 'deskbridge',
        payload: z.object({ threadKey: z.string().min(1) }),
        async run({ threadKey }, context) {
            const snapshot = asSnapshot(await snapshots.get(threadKey));
            if (snapshot) await context.enqueue([refreshCardJob(poster, snapshot, `card:${threadKey}:restore:${context.jobId}`)]);
        }
    });
}
