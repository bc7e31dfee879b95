import { asSnapshot, isSatisfied, type ConversationMessage, type ConversationSnapshot, type SatisfactionRating } from '../../domain/conversation';
import type { ConversationActivity } from '../../domain/conversation-activity';
import { matchingCategories, type KeywordCategory } from '../../domain/keyword-categories';
import { mirrorConversationJobs, threadKeyOf, type ThreadDestination } from '../../domain/mirror-conversation';
import { pickRoute } from '../../domain/routing';
import { textMessage, type ThreadPoster } from '../../domain/thread-post';
import type { NewJob } from '../../outbox/job-store';
import type { ConversationSnapshotsRepo } from '../../store/conversation-snapshots-repo';
import type { RoutingRulesRepo } from '../../store/routing-rules-repo';
import type { SentPartsRepo } from '../../store/sent-parts-repo';
import type { Locale } from '../../texts/locales';
import { supportTexts } from '../../texts/support-texts';
import { categorizeJob } from './categorize-job';
import type { SupportMirror } from '../../domain/helpdesk';

/** Parts posted after the opening message when a thread starts late (older ones: in the helpdesk). */
const HISTORY_ON_START = 10;

export interface SupportMirrorDeps {
    snapshots: ConversationSnapshotsRepo;
    sentParts: SentPartsRepo;
    routingRules: RoutingRulesRepo;
    poster: ThreadPoster;
    /** Waits and answers, for SLA reminders and figures. */
    activity?: ConversationActivity;
    /** Names for the assignees, from the helpdesk's directory (absent without an API token). */
    describe?: (snapshot: ConversationSnapshot) => Promise<void>;
    /** `SUPPORT_KEYWORD_CATEGORIES`, applied once, when a conversation is first seen (needs the API). */
    categories?: readonly KeywordCategory[];
    defaultLocale: Locale;
}


/**
 * The support flow for any helpdesk: a thread per conversation in the channel its routing picks
 * (the stream's bound channel otherwise), the card at its root kept up to date, each new message
 * a reply — except the ones Deskbridge itself created (echo suppression) —, a thread started late
 * with the opening message and the latest history, waits recorded for the SLA, the customer's
 * rating shown, and keyword categories set in the helpdesk once.
 */
export function supportMirror(deps: SupportMirrorDeps): SupportMirror {
    const { snapshots, sentParts } = deps;
    return async (event, enqueue) => {
        const key = threadKeyOf({ source: event.source, id: event.conversationId });
        const previous = asSnapshot(await snapshots.get(key));
        const firstSeen = !previous;
        const rules = firstSeen ? await deps.routingRules.list(event.source) : [];
        const { snapshot, messages: read } = await event.read(previous, { tier: rules.some((r) => r.kind === 'tier') });
        snapshot.lastAction = previous?.lastAction ?? null;
        snapshot.tier ??= previous?.tier ?? null;
        snapshot.rating ??= previous?.rating ?? null;
        if (deps.describe) await deps.describe(snapshot);
        let messages = read;
        if (event.kind === 'sync') messages = firstSeen ? messages.slice(0, 1) : [];
        else if (firstSeen && messages.length > HISTORY_ON_START + 1) messages = [messages[0]!, ...messages.slice(-HISTORY_ON_START)];
        const echoes = await sentParts.sentAmong(event.source, messages.map((m) => m.id));
        messages = messages.filter((m) => !echoes.has(m.id));
        const opening = `${snapshot.subject}\n${messages[0]?.text ?? ''}`;
        const rule = firstSeen ? pickRoute(rules, { ...snapshot, text: opening }) : undefined;
        const destination: ThreadDestination | undefined = rule ? { teamId: rule.teamId, channelId: rule.channelId } : undefined;
        const slaJobs = deps.activity ? await recordActivity(deps.activity, key, snapshot, messages) : [];
        const rated = newRating(previous?.rating, snapshot.rating);
        const ratingJobs: NewJob[] = [];
        if (rated) {
            await deps.activity?.rated(key, rated);
            ratingJobs.push(deps.poster.reply(key, textMessage(supportTexts(undefined, deps.defaultLocale).rating(rated)), `rating:${key}:${rated.at}:${rated.score}`));
        }
        const categoryJobs = firstSeen && deps.categories?.length ? matchingCategories(deps.categories, opening).map((c) => categorizeJob({ source: event.source, conversationId: event.conversationId, threadKey: key, tag: c.tag, word: c.word, priority: c.priority })) : [];
        const refreshCard = !firstSeen && (event.kind === 'changed' || event.kind === 'sync' || !!rated);
        await enqueue([...mirrorConversationJobs(deps.poster, snapshot, messages, event.eventId, { refreshCard, destination }), ...ratingJobs, ...slaJobs, ...categoryJobs]);
        await snapshots.save(key, snapshot);
    };
}

/** The rating when it is new or changed since the stored snapshot. */
function newRating(before: SatisfactionRating | null | undefined, now: SatisfactionRating | null | undefined): (SatisfactionRating & { satisfied: boolean }) | undefined {
    if (!now || (before && before.score === now.score && before.comment === now.comment)) return undefined;
    return { ...now, satisfied: isSatisfied(now) };
}

/**
 * Customer messages start a wait (with its SLA check), agent replies made in the helpdesk end it,
 * Fin's answers count as automation and its escalation as one; a closed conversation waits no more.
 */
async function recordActivity(activity: ConversationActivity, key: string, snapshot: ConversationSnapshot, messages: readonly ConversationMessage[]): Promise<NewJob[]> {
    const jobs: NewJob[] = [];
    for (const m of messages) {
        // The wait is counted from when the message reached the team (a backfilled or late
        // delivery must not raise an alarm for time nobody could act on).
        if (m.kind === 'customer') jobs.push(...(await activity.customerWrote(key, Date.now())));
        else if (m.kind === 'admin') await activity.humanAnswered(key);
        else if (m.kind === 'fin' || m.kind === 'bot') await activity.aiAnswered(key);
    }
    if (snapshot.fin.resolutionState === 'escalated' || snapshot.fin.resolutionState === 'routed_to_team') await activity.escalated(key);
    if (snapshot.state === 'closed') await activity.closed(key);
    return jobs;
}
