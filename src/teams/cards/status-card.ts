import type { ChannelBinding } from '../../store/channel-bindings-repo';
import { STREAMS } from '../../store/channel-bindings-repo';
import type { Texts } from '../i18n';
import { adaptiveCard, facts, heading, subheading, type AdaptiveCard } from './adaptive-card';

export interface StatusView {
    bindings: ChannelBinding[];
}

/** The `status` answer: where each stream goes. */
export function statusCard(t: Texts, view: StatusView): AdaptiveCard {
    const byStream = new Map(view.bindings.map((b) => [b.stream, b]));
    return adaptiveCard([
        heading(t.statusTitle),
        subheading(t.statusBindings),
        facts(STREAMS.map((s) => [s, byStream.get(s)?.channelName ?? (byStream.has(s) ? byStream.get(s)!.channelId : t.statusUnbound)]))
    ]);
}
