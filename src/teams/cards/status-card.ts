import type { AdminStatus } from '../../domain/admin-status';
import type { ChannelBinding } from '../../store/channel-bindings-repo';
import { STREAMS } from '../../store/channel-bindings-repo';
import type { Texts } from '../../texts/i18n';
import { adaptiveCard, facts, heading, paragraph, subheading, type AdaptiveCard, type CardAction, type CardElement } from './adaptive-card';
import { inlineText } from '../../lib/markdown';
import { scaledDuration, type StatusCardTexts } from '../../texts/card-texts';

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

/** The `status` answer: overall health first, then where each stream goes, the queue and its dead letters; for admins each integration, paused contacts and today's figures. */
export function statusCard(t: Texts, view: StatusView, st: StatusCardTexts, now = Date.now()): AdaptiveCard {
    const byStream = new Map(view.bindings.map((b) => [b.stream, b]));
    const troubled = view.admin ? view.admin.integrations.filter((i) => i.configured && (i.circuit !== 'closed' || (i.errorRateLastHour ?? 0) > 0.05)) : [];
    const body: CardElement[] = [heading(t.statusTitle)];
    if (view.admin) body.push({ type: 'TextBlock', text: troubled.length === 0 ? st.allWell : st.needAttention(troubled.length), color: troubled.length === 0 ? 'Good' : 'Warning', weight: 'Bolder', wrap: true, spacing: 'Small' });
    body.push(
        subheading(t.statusBindings),
        facts(
            STREAMS.map((s) => {
                const binding = byStream.get(s);
                if (!binding) return [st.streamName(s), `— ${t.statusUnbound}`];
                const name = inlineText(binding.channelName ?? t.statusUnbound, 100);
                return [st.streamName(s), view.removedTeams?.includes(binding.teamId) ? `⛔ ${name} · ${t.statusTeamRemoved}` : name];
            })
        ),
        subheading(t.statusQueue),
        paragraph(st.queueLine(view.outbox.pending + view.outbox.running, view.outbox.pending + view.outbox.running > 0 ? scaledDuration(view.outbox.oldestPendingAgeMs) : null, view.outbox.dead), { spacing: 'Small' })
    );
    const actions: CardAction[] = [];
    if (view.deadLetters.length > 0) {
        body.push(subheading(t.statusDeadLetters));
        for (const d of view.deadLetters) body.push(paragraph(`#${d.id} · **${inlineText(st.jobName(d.kind), 60)}** · ${inlineText(cleanReason(d.lastError), 160)}`, { isSubtle: true, size: 'Small', spacing: 'Small' }));
        const data = { verb: REPLAY_VERB, which: 'all' };
        actions.push({ type: 'Action.Execute', title: st.replayAll, verb: REPLAY_VERB, data, fallback: { type: 'Action.Submit', title: st.replayAll, data } });
    }
    if (view.admin) body.push(...adminSections(view.admin, st, now));
    return adaptiveCard(body, actions);
}

/** A dead letter's reason as an agent reads it: without the engine's prefix, a vendor's JSON cut short. */
const cleanReason = (reason: string | null): string => (reason ?? '').replace(/^(permanent|gave up after \d+ attempts): /, '');
const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

/** One integration's state: ✅ working, ⚠️ errors or recovering, ⛔ not answering, — not set up. */
function integrationLine(i: AdminStatus['integrations'][number], st: StatusCardTexts, now: number): string {
    if (!i.configured) return `— ${st.notConfigured}`;
    const since = (iso: string | null) => (iso ? st.ago(scaledDuration(now - Date.parse(iso))) : null);
    const last = i.lastError ? ` · ${st.lastError}: ${inlineText(i.lastError, 80)}` : '';
    if (i.circuit === 'open') return `${st.down}${last}`;
    if (i.circuit === 'half_open') return `${st.recovering}${last}`;
    if ((i.errorRateLastHour ?? 0) > 0.05) return `${st.errors(percent(i.errorRateLastHour), i.callsLastHour)}${last}`;
    return st.working(since(i.lastWebhookAt));
}

/** Integrations, paused WhatsApp contacts (each with its Resume button beside the name) and today's figures, for admins. */
function adminSections(a: AdminStatus, st: StatusCardTexts, now: number): CardElement[] {
    const sections: CardElement[] = [subheading(st.integrations), facts(a.integrations.map((i) => [st.integrationName(i.name), integrationLine(i, st, now)]))];
    if (a.pausedContacts.length > 0) {
        sections.push(subheading(st.pausedFor));
        for (const c of a.pausedContacts.slice(0, 5)) {
            const data = { verb: 'resume_ai', contactId: c.contactId };
            sections.push({
                type: 'ColumnSet',
                spacing: 'Small',
                columns: [
                    { type: 'Column', width: 'stretch', verticalContentAlignment: 'Center', items: [paragraph(`**${inlineText(c.name ?? c.contactId, 60)}** · ${st.pausedBy(inlineText(c.by) || '?', c.since ? st.ago(scaledDuration(now - Date.parse(c.since))) : '?')}`, { size: 'Small' })] },
                    { type: 'Column', width: 'auto', items: [{ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: st.resume, verb: 'resume_ai', data, fallback: { type: 'Action.Submit', title: st.resume, data } }] }] }
                ]
            });
        }
    }
    const byTemperature = a.today.leads.byTemperature;
    sections.push(
        subheading(st.today),
        facts([
            [st.opened, String(a.today.conversationsOpened)],
            [st.firstResponse, a.today.firstResponseMinutes.median === null ? '—' : `${a.today.firstResponseMinutes.median} / ${a.today.firstResponseMinutes.p90} min`],
            [st.automation, percent(a.today.automationRate)],
            [st.escalation, percent(a.today.escalationRate)],
            [st.csat, a.today.csat.ratings === 0 ? '—' : st.csatValue(percent(a.today.csat.satisfied), a.today.csat.ratings)],
            [st.leads, `${byTemperature.QUENTE ?? 0} / ${byTemperature.MORNO ?? 0} / ${byTemperature.FRIO ?? 0}`],
            [st.medianClaim, a.today.leads.medianMinutesToClaim === null ? '—' : `${a.today.leads.medianMinutesToClaim} min`]
        ])
    );
    return sections;
}

