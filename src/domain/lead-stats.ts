import { instantOf, localDate } from './time-zone';
import { TEMPERATURES, type Lead, type Temperature } from './lead';

export interface LeadStats {
    total: number;
    byTemperature: Record<Temperature, number>;
    bySource: Array<[string, number]>;
    /** Median minutes from receipt to claim, over today's claimed leads; null when none. */
    medianMinutesToClaim: number | null;
    unclaimedHot: Array<{ id: number; name: string; waitingMinutes: number }>;
}

/** The start of the current UTC day. */
/**
 * The start of the calendar day of `now` in the team's time zone (`SLA_TIMEZONE`): "today" on the
 * status card is the team's day, not UTC's (a São Paulo team's day would otherwise end at 21:00).
 */
export function startOfDay(now: number, timeZone = 'UTC'): number {
    const { year, month, day } = localDate(timeZone, now);
    return instantOf(timeZone, year, month, day, 0, 0);
}

/** Today's figures from today's leads: counts by temperature and source, median time to claim, unclaimed hot leads. */
export function leadStats(leads: readonly Lead[], now: number): LeadStats {
    const byTemperature = Object.fromEntries(TEMPERATURES.map((t) => [t, 0])) as Record<Temperature, number>;
    const sources = new Map<string, number>();
    for (const l of leads) {
        byTemperature[l.status]++;
        sources.set(l.source, (sources.get(l.source) ?? 0) + 1);
    }
    const claimMinutes = leads
        .filter((l) => l.claimedAt !== null)
        .map((l) => (l.claimedAt! - l.receivedAt) / 60000)
        .sort((a, b) => a - b);
    const mid = Math.floor(claimMinutes.length / 2);
    const median = claimMinutes.length === 0 ? null : claimMinutes.length % 2 ? claimMinutes[mid]! : (claimMinutes[mid - 1]! + claimMinutes[mid]!) / 2;
    return {
        total: leads.length,
        byTemperature,
        bySource: [...sources].sort((a, b) => b[1] - a[1]),
        medianMinutesToClaim: median === null ? null : Math.round(median * 10) / 10,
        unclaimedHot: leads.filter((l) => l.status === 'QUENTE' && !l.claimedBy).map((l) => ({ id: l.id, name: l.name, waitingMinutes: Math.round((now - l.receivedAt) / 60000) }))
    };
}
