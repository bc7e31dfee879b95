import type { Config } from '../config';
import { listDeadLetters, queueStats } from '../outbox/job-store';
import type { PeerCircuitState } from '../outbox/circuit-breakers';
import type { PeerHealthView } from '../outbox/peer-health';
import type { Repositories } from '../store/index';
import type { ThreadActivity } from '../store/thread-activity-repo';
import { leadStats, startOfDay } from './lead-stats';

/** Integrations as the status shows them; `webhookSources` are the inbox sources they deliver as. */
const INTEGRATIONS = [
    { name: 'intercom', peer: 'intercom', webhookSources: ['intercom'], configured: (c: Config) => !!(c.INTERCOM_CLIENT_SECRET || c.INTERCOM_ACCESS_TOKEN) },
    { name: 'zendesk', peer: 'zendesk', webhookSources: ['zendesk'], configured: (c: Config) => !!(c.ZENDESK_WEBHOOK_SECRET || c.ZENDESK_API_TOKEN || c.ZENDESK_OAUTH_TOKEN) },
    { name: 'kommo', peer: 'kommo', webhookSources: ['kommo'], configured: (c: Config) => !!(c.KOMMO_WEBHOOK_TOKEN || c.KOMMO_ACCESS_TOKEN) },
    { name: 'n8n', peer: 'n8n', webhookSources: ['n8n'], configured: (c: Config) => !!(c.N8N_WEBHOOK_URL || c.N8N_LEAD_WEBHOOK_URL_HOT || c.N8N_LEAD_WEBHOOK_URL_WARM || c.N8N_LEAD_WEBHOOK_URL_COLD) },
    { name: 'teams', peer: 'teams', webhookSources: [], configured: (c: Config) => !c.anonymousBot },
    { name: 'leads', peer: 'meta', webhookSources: ['leads', 'meta', 'rdstation'], configured: (c: Config) => !!(c.LEADS_API_KEY || c.META_APP_SECRET || c.RDSTATION_WEBHOOK_TOKEN) }
] as const;

/** Which integrations the configuration switches on, in the order the status lists them. */
export function configuredIntegrations(config: Config): Array<{ name: string; on: boolean }> {
    return INTEGRATIONS.map((i) => ({ name: i.name, on: i.configured(config) }));
}

export interface AdminStatus {
    generatedAt: string;
    integrations: Array<{ name: string; configured: boolean; lastWebhookAt: string | null; circuit: PeerCircuitState; lastSuccessAt: string | null; lastFailureAt: string | null; lastError: string | null; callsLastHour: number; errorRateLastHour: number | null }>;
    bindings: Array<{ stream: string; channel: string }>;
    outbox: { pending: number; running: number; dead: number; oldestPendingAgeSeconds: number; deadLetters: Array<{ id: number; kind: string; lastError: string | null }> };
    pausedContacts: Array<{ contactId: string; name: string | null; by: string | null; via: string | null; since: string | null }>;
    today: {
        conversationsOpened: number;
        firstResponseMinutes: { median: number | null; p90: number | null };
        automationRate: number | null;
        escalationRate: number | null;
        /** Customer satisfaction from the helpdesks' ratings received today: share satisfied (Zendesk "good", Intercom 4–5). */
        csat: { ratings: number; satisfied: number | null };
        leads: { byTemperature: Record<string, number>; medianMinutesToClaim: number | null; unclaimedHot: number };
    };
}

const iso = (ms: number | null | undefined) => (ms ? new Date(ms).toISOString() : null);
const round = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | null {
    if (sorted.length === 0) return null;
    return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * The day's conversation figures: opened, first-response time from Teams (median, p90, minutes),
 * automation rate (closed with only Fin/AI answers) and escalation rate (Fin/AI handed over).
 */
export function conversationFigures(rows: readonly ThreadActivity[]): Omit<AdminStatus['today'], 'leads' | 'csat'> {
    const responses = rows
        .filter((r) => r.openedAt !== null && r.firstResponseAt !== null && r.firstResponseAt >= r.openedAt)
        .map((r) => (r.firstResponseAt! - r.openedAt!) / 60000)
        .sort((a, b) => a - b);
    const closed = rows.filter((r) => r.closedAt !== null);
    const automated = closed.filter((r) => r.humanAnswers === 0 && r.aiAnswers > 0);
    const aiInvolved = rows.filter((r) => r.aiAnswers > 0 || r.escalatedAt !== null);
    return {
        conversationsOpened: rows.length,
        firstResponseMinutes: { median: round(percentile(responses, 50)), p90: round(percentile(responses, 90)) },
        automationRate: closed.length ? round(automated.length / closed.length) : null,
        escalationRate: aiInvolved.length ? round(aiInvolved.filter((r) => r.escalatedAt !== null).length / aiInvolved.length) : null
    };
}

/** Everything the status card and `GET /api/admin/status` show. */
export async function loadAdminStatus(deps: { config: Config; repos: Repositories; health: (peer: string) => PeerHealthView; circuit: (peer: string) => PeerCircuitState }, now = Date.now()): Promise<AdminStatus> {
    const { config, repos } = deps;
    const db = repos.db.kysely;
    const since = startOfDay(now, config.SLA_TIMEZONE);
    const [lastWebhooks, stats, dead, bindings, paused, activity, leads, ratings] = await Promise.all([
        db.selectFrom('inbox').select(['source', (eb) => eb.fn.max('received_at').as('last')]).groupBy('source').execute(),
        queueStats(db),
        listDeadLetters(db, 10),
        repos.bindings.list(),
        repos.contacts.listPaused(),
        repos.activity.openedSince(since),
        repos.leads.receivedSince(since),
        repos.activity.ratingsSince(since)
    ]);
    const lastBySource = new Map(lastWebhooks.map((r) => [r.source, Number(r.last)]));
    const lead = leadStats(leads, now);
    return {
        generatedAt: new Date(now).toISOString(),
        integrations: INTEGRATIONS.map((i) => {
            const health = deps.health(i.peer);
            const lastWebhook = Math.max(0, ...i.webhookSources.map((s) => lastBySource.get(s) ?? 0));
            return {
                name: i.name,
                configured: i.configured(config),
                lastWebhookAt: iso(lastWebhook),
                circuit: deps.circuit(i.peer),
                lastSuccessAt: iso(health.lastSuccessAt),
                lastFailureAt: iso(health.lastFailureAt),
                lastError: health.lastError,
                callsLastHour: health.callsLastHour,
                errorRateLastHour: round(health.errorRateLastHour)
            };
        }),
        bindings: bindings.map((b) => ({ stream: b.stream, channel: b.channelName ?? b.channelId })),
        outbox: { pending: stats.counts.pending, running: stats.counts.running, dead: stats.counts.dead, oldestPendingAgeSeconds: Math.round(stats.oldestPendingAgeMs / 1000), deadLetters: dead.map((d) => ({ id: d.id, kind: d.kind, lastError: d.lastError })) },
        pausedContacts: paused.map((c) => ({ contactId: c.contactId, name: c.name, by: c.ai.by, via: c.ai.via, since: iso(c.ai.at) })),
        today: { ...conversationFigures(activity), csat: { ratings: ratings.ratings, satisfied: ratings.ratings ? round(ratings.satisfied / ratings.ratings) : null }, leads: { byTemperature: lead.byTemperature, medianMinutesToClaim: lead.medianMinutesToClaim, unclaimedHot: lead.unclaimedHot.length } }
    };
}
