import { instantOf, localDate, safeTimeZone } from './time-zone';

/** The snooze choices of the conversation card. */
export const SNOOZE_CHOICES = ['1h', 'tomorrow', 'next_week'] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

/**
 * When a snoozed conversation comes back: in one hour, tomorrow at 9:00 or next Monday at 9:00,
 * in the agent's time zone (Teams sends it as `localTimezone`).
 */
export function snoozeUntil(choice: SnoozeChoice, now: number, timeZone: string | undefined): number {
    if (choice === '1h') return now + 3_600_000;
    const zone = safeTimeZone(timeZone);
    const today = localDate(zone, now);
    // Monday is 1; "next week" from a Sunday is the next day.
    const days = choice === 'tomorrow' ? 1 : ((8 - today.weekday) % 7 || 7);
    return instantOf(zone, today.year, today.month, today.day + days, 9);
}
