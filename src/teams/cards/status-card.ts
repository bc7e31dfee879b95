import type { AdminStatus } from '../../domain/admin-status';
import type { ChannelBinding } from '../../store/channel-bindings-repo';
import { STREAMS } from '../../store/channel-bindings-repo';
import type { Texts } from '../../texts/i18n';
import { adaptiveCard, facts, heading, paragraph, subheading, type AdaptiveCard, type CardAction } from './adaptive-card';
import { inlineText, singleLine } from '../../lib/markdown';

export interface DeadLetterLine {
    id: number;
    kind: string;
    lastError: string | null;
}

export interface StatusView {
    bindings: ChannelBinding[];
    /** Teams of bindings that Deskbridge was removed from (Teams answered BotNotInConversationRoster, or an uninstall). */
    removedTeams?: string[];
    outbox: { pending: number; running: number; dead: number; oldestPendingAgeMs: number };
    deadLetters: DeadLetterLine[];
    /** What admins see besides: integrations, paused contacts, today's figures. */
    admin?: AdminStatus;
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
        facts(
            STREAMS.map((s) => {
                const binding = byStream.get(s);
                if (!binding) return [s, t.statusUnbound];
                const name = inlineText(binding.channelName ?? binding.channelId, 100);
                return [s, view.removedTeams?.includes(binding.teamId) ? `${name} · ⛔ ${t.statusTeamRemoved}` : name];
            })
        ),
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
        for (const d of view.deadLetters) body.push(paragraph(`#${d.id} · ${inlineText(d.kind, 60)} · ${inlineText(d.lastError, 160)}`, { isSubtle: true, size: 'Small' }));
        const data = { verb: REPLAY_VERB, which: 'all' };
        actions.push({ type: 'Action.Execute', title: t.statusReplayAll, verb: REPLAY_VERB, data, fallback: { type: 'Action.Submit', title: t.statusReplayAll, data } });
    }
    if (view.admin) body.push(...adminSections(view.admin, actions));
    return adaptiveCard(body, actions);
}

const ago = (isoTime: string | null, now: number) => (isoTime ? `${age(now - Date.parse(isoTime))} ago` : 'never');
const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/** Integrations, paused WhatsApp contacts (with resume buttons) and today's figures, for admins. */
function adminSections(a: AdminStatus, actions: CardAction[]) {
    const now = Date.parse(a.generatedAt);
    const sections = [
        subheading('Integrations'),
        facts(
            a.integrations.map((i) => [
                i.name,
                i.configured
                    ? `webhook ${ago(i.lastWebhookAt, now)} · last call ok ${ago(i.lastSuccessAt, now)}${i.lastFailureAt ? `, failed ${ago(i.lastFailureAt, now)}` : ''} · errors ${percent(i.errorRateLastHour)} of ${i.callsLastHour} · circuit ${i.circuit}`
                    : 'not configured'
            ])
        ),
        subheading('Today'),
        facts([
            ['Conversations opened', String(a.today.conversationsOpened)],
            ['First response (median / p90)', a.today.firstResponseMinutes.median === null ? '—' : `${a.today.firstResponseMinutes.median} / ${a.today.firstResponseMinutes.p90} min`],
            ['Automation rate', percent(a.today.automationRate)],
            ['Escalation rate', percent(a.today.escalationRate)],
            ['CSAT (satisfied / ratings)', a.today.csat.ratings === 0 ? '—' : `${percent(a.today.csat.satisfied)} of ${a.today.csat.ratings}`],
            ['Leads (hot / warm / cold)', `${a.today.leads.byTemperature.QUENTE ?? 0} / ${a.today.leads.byTemperature.MORNO ?? 0} / ${a.today.leads.byTemperature.FRIO ?? 0}`],
            ['Median time to claim', a.today.leads.medianMinutesToClaim === null ? '—' : `${a.today.leads.medianMinutesToClaim} min`]
        ])
    ];
    if (a.pausedContacts.length > 0) {
        sections.push(subheading('AI paused for'));
        for (const c of a.pausedContacts.slice(0, 5)) {
            sections.push(paragraph(`${inlineText(c.name ?? c.contactId)} · by ${inlineText(c.by) || '?'} (${inlineText(c.via) || '?'}) · ${ago(c.since, now)}`, { size: 'Small' }));
            const data = { verb: 'resume_ai', contactId: c.contactId };
            actions.push({ type: 'Action.Execute', title: `Resume AI: ${singleLine(c.name ?? c.contactId, 20)}`, verb: 'resume_ai', data, fallback: { type: 'Action.Submit', title: 'Resume AI', data } });
        }
    }
    return sections;
}
