import { sql, type Kysely, type Selectable } from 'kysely';
import type { Database } from './schema';

export interface ThreadActivity {
    threadKey: string;
    openedAt: number | null;
    /** The customer's oldest unanswered message; null when nobody waits. */
    waitingSince: number | null;
    firstResponseAt: number | null;
    lastHumanAt: number | null;
    humanAnswers: number;
    aiAnswers: number;
    escalatedAt: number | null;
    closedAt: number | null;
}

/**
 * Who waits in each customer thread: a customer message starts the wait (unless one is already
 * running), a human answer ends it. AI/Fin answers are counted but do not end a wait for a human.
 */
export class ThreadActivityRepo {
    constructor(private readonly db: Kysely<Database>) {}

    /** A customer wrote; returns true when this started a new wait (so an SLA check is due). */
    async customerWrote(threadKey: string, at: number): Promise<boolean> {
        await this.db
            .insertInto('thread_activity')
            .values({ thread_key: threadKey, opened_at: at, waiting_since: at, updated_at: at })
            .onConflict((oc) => oc.column('thread_key').doNothing())
            .execute();
        const started = await this.db
            .updateTable('thread_activity')
            .set({ waiting_since: at, updated_at: at })
            .where('thread_key', '=', threadKey)
            .where('waiting_since', 'is', null)
            .executeTakeFirst();
        const row = await this.get(threadKey);
        return Number(started.numUpdatedRows) > 0 || row?.waitingSince === at;
    }

    /** A human answered the customer (from Teams or from the vendor's own inbox). */
    async humanAnswered(threadKey: string, at: number): Promise<void> {
        await this.db
            .insertInto('thread_activity')
            .values({ thread_key: threadKey, first_response_at: at, last_human_at: at, human_answers: 1, updated_at: at })
            .onConflict((oc) =>
                oc.column('thread_key').doUpdateSet({
                    waiting_since: null,
                    last_human_at: at,
                    human_answers: sql`thread_activity.human_answers + 1`,
                    first_response_at: sql`coalesce(thread_activity.first_response_at, ${at})`,
                    updated_at: at
                })
            )
            .execute();
    }

    /** The AI or Fin answered (counts for the automation rate; the customer may still wait for a human). */
    async aiAnswered(threadKey: string, at: number): Promise<void> {
        await this.db
            .insertInto('thread_activity')
            .values({ thread_key: threadKey, ai_answers: 1, updated_at: at })
            .onConflict((oc) => oc.column('thread_key').doUpdateSet({ ai_answers: sql`thread_activity.ai_answers + 1`, updated_at: at }))
            .execute();
    }

    /** The AI or Fin handed the conversation to a human. */
    async escalated(threadKey: string, at: number): Promise<void> {
        await this.db.updateTable('thread_activity').set({ escalated_at: sql`coalesce(escalated_at, ${at})`, updated_at: at }).where('thread_key', '=', threadKey).execute();
    }

    /** The conversation was closed: nobody waits any more. */
    async closed(threadKey: string, at: number): Promise<void> {
        await this.db.updateTable('thread_activity').set({ closed_at: at, waiting_since: null, updated_at: at }).where('thread_key', '=', threadKey).execute();
    }

    async get(threadKey: string): Promise<ThreadActivity | undefined> {
        const r = await this.db.selectFrom('thread_activity').selectAll().where('thread_key', '=', threadKey).executeTakeFirst();
        return r ? toActivity(r) : undefined;
    }

    /** The customer rated the conversation (the latest rating counts). */
    async rated(threadKey: string, rating: { score: string; satisfied: boolean; at: number }): Promise<void> {
        const values = { rating_score: rating.score, rating_satisfied: rating.satisfied ? 1 : 0, rated_at: rating.at, updated_at: rating.at };
        await this.db
            .insertInto('thread_activity')
            .values({ thread_key: threadKey, ...values })
            .onConflict((oc) => oc.column('thread_key').doUpdateSet(values))
            .execute();
    }

    /** Ratings received since a time: how many, and how many satisfied (today's CSAT). */
    async ratingsSince(since: number): Promise<{ ratings: number; satisfied: number }> {
        const r = await this.db
            .selectFrom('thread_activity')
            .select((eb) => [eb.fn.countAll().as('ratings'), eb.fn.sum('rating_satisfied').as('satisfied')])
            .where('rated_at', '>=', since)
            .executeTakeFirst();
        return { ratings: Number(r?.ratings ?? 0), satisfied: Number(r?.satisfied ?? 0) };
    }

    /** Threads opened since a time (today's figures). */
    async openedSince(since: number): Promise<ThreadActivity[]> {
        const rows = await this.db.selectFrom('thread_activity').selectAll().where('opened_at', '>=', since).execute();
        return rows.map(toActivity);
    }
}

function toActivity(r: Selectable<Database['thread_activity']>): ThreadActivity {
    const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    return {
        threadKey: r.thread_key,
        openedAt: n(r.opened_at),
        waitingSince: n(r.waiting_since),
        firstResponseAt: n(r.first_response_at),
        lastHumanAt: n(r.last_human_at),
        humanAnswers: Number(r.human_answers),
        aiAnswers: Number(r.ai_answers),
        escalatedAt: n(r.escalated_at),
        closedAt: n(r.closed_at)
    };
}
