import type { TurnContext } from 'botbuilder';
import type { Locale } from '../../config';
import { leadStats, startOfDay } from '../../domain/lead-stats';
import type { LeadsRepo } from '../../store/leads-repo';
import { leadTexts } from '../../texts/lead-texts';
import { inlineText } from '../../lib/markdown';

/** `@Deskbridge leads`: today's leads by temperature and source, median time to claim, unclaimed hot leads. */
export async function leadsCommand(context: TurnContext, deps: { leads: LeadsRepo; defaultLocale: Locale; timeZone: string }): Promise<void> {
    const t = leadTexts(context.activity.locale, deps.defaultLocale);
    const now = Date.now();
    const stats = leadStats(await deps.leads.receivedSince(startOfDay(now, deps.timeZone)), now);
    if (stats.total === 0) {
        await context.sendActivity(t.statsNone);
        return;
    }
    const lines = [
        t.statsTitle,
        `${t.statsByTemperature}: 🔥 ${stats.byTemperature.QUENTE} · 🌤️ ${stats.byTemperature.MORNO} · ❄️ ${stats.byTemperature.FRIO}`,
        `${t.statsBySource}: ${stats.bySource.map(([s, n]) => `${inlineText(s, 40)} ${n}`).join(' · ')}`,
        t.statsMedianClaim(stats.medianMinutesToClaim === null ? '—' : `${stats.medianMinutesToClaim} min`)
    ];
    if (stats.unclaimedHot.length > 0) lines.push(`${t.statsUnclaimedHot}:`, ...stats.unclaimedHot.map((l) => `- ${inlineText(l.name)} (${l.waitingMinutes} min)`));
    await context.sendActivity({ text: lines.join('\n\n'), textFormat: 'markdown' });
}
