import type { ChannelBinding } from '../../store/channel-bindings-repo';
import { STREAMS } from '../../store/channel-bindings-repo';
import type { Texts } from '../i18n';
import { adaptiveCard, facts, heading, paragraph, subheading, type AdaptiveCard, type CardAction } from './adaptive-card';

export interface DeadLetterLine {
    id: number;
    kind: string;
    lastError: string | null;
}

export interface StatusView {
    bindings: ChannelBinding[];
    outbox: { pending: number; running: number; dead: number; oldestPendingAgeMs: number };
    deadLetters: DeadLetterLine[];
}

/** The verb of the "replay dead letters" button (Action.Execute, with an Action.Submit fallback). */
export const REPLAY_VERB = 'replay_dead_letters';

function age(ms: number): string {
    if (ms < 60_000) return `${Math.round(ms / 1000)} s`;
    if (ms < 3_600_000) return `${Math.round(ms / 60_000)} min`;
    return `${Math.round(ms / 3_600_000)} h`;
}

/** The `status` answer: where each stream goes, the delivery queue and its dead letters. */
export function statusCard(t: Texts, view: StatusView): AdaptiveCard {
    const byStream = new Map(view.bindings.map((b) => [b.stream, b]));
    const body = [
        heading(t.statusTitle),
        subheading(t.statusBindings),
        facts(STREAMS.map((s) => [s, byStream.get(s)?.channelName ?? (byStream.has(s) ? byStream.get(s)!.channelId : t.statusUnbound)])),
        subheading(t.statusQueue),
        facts([
            [t.statusPending, String(view.outbox.pending + view.outbox.running)],
            [t.statusOldest, view.outbox.pending + view.outbox.running > 0 ? age(view.outbox.oldestPendingAgeMs) : '—'],
            [t.statusDead, String(view.outbox.dead)]
        ])
    ];
    const actions: CardAction[] = [];
    if (view.deadLetters.length > 0) {
        body.push(subheading(t.statusDeadLetters));
        for (const d of view.deadLetters) body.push(paragraph(`#${d.id} · ${d.kind} · ${(d.lastError ?? '').slice(0, 160)}`, { isSubtle: true, size: 'Small' }));
        const data = { verb: REPLAY_VERB, which: 'all' };
        actions.push({ type: 'Action.Execute', title: t.statusReplayAll, verb: REPLAY_VERB, data, fallback: { type: 'Action.Submit', title: t.statusReplayAll, data } });
    }
    return adaptiveCard(body, actions);
}
