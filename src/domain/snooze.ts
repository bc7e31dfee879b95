/** The snooze choices of the conversation card. */
export const SNOOZE_CHOICES = ['1h', 'tomorrow', 'next_week'] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

/** Offset of a time zone from UTC at an instant, in ms (positive east of Greenwich). */
function offsetMs(timeZone: string, at: number): number {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(at));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return asUtc - Math.floor(at / 1000) * 1000;
}

/** The calendar date of an instant in a time zone. */
function localDate(timeZone: string, at: number): { year: number; month: number; day: number; weekday: number } {
    const local = new Date(at + offsetMs(timeZone, at));
    return { year: local.getUTCFullYear(), month: local.getUTCMonth(), day: local.getUTCDate(), weekday: local.getUTCDay() };
}

/** The instant of a wall-clock time in a time zone (DST-safe to the hour). */
function instantOf(timeZone: string, year: number, month: number, day: number, hour: number): number {
    const wall = Date.UTC(year, month, day, hour);
    let guess = wall - offsetMs(timeZone, wall);
    guess = wall - offsetMs(timeZone, guess);
    return guess;
}

/** A valid IANA zone, or UTC when Teams sent none or one this runtime does not know. */
export function safeTimeZone(timeZone: string | undefined): string {
    if (!timeZone) return 'UTC';
    try {
        new Intl.DateTimeFormat('en-US', { timeZone });
        return timeZone;
    } catch {
        return 'UTC';
    }
}

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
