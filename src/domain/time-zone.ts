/** Offset of a time zone from UTC at an instant, in ms (positive east of Greenwich). */
export function offsetMs(timeZone: string, at: number): number {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(at));
    const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
    return asUtc - Math.floor(at / 1000) * 1000;
}

/** The calendar date, weekday (0 = Sunday) and minute of the day of an instant in a time zone. */
export function localDate(timeZone: string, at: number): { year: number; month: number; day: number; weekday: number; minuteOfDay: number } {
    const local = new Date(at + offsetMs(timeZone, at));
    return { year: local.getUTCFullYear(), month: local.getUTCMonth(), day: local.getUTCDate(), weekday: local.getUTCDay(), minuteOfDay: local.getUTCHours() * 60 + local.getUTCMinutes() };
}

/** The instant of a wall-clock time in a time zone (DST-safe to the minute). */
export function instantOf(timeZone: string, year: number, month: number, day: number, hour: number, minute = 0): number {
    const wall = Date.UTC(year, month, day, hour, minute);
    let guess = wall - offsetMs(timeZone, wall);
    guess = wall - offsetMs(timeZone, guess);
    return guess;
}

/** A valid IANA zone, or UTC when none was given or this runtime does not know it. */
export function safeTimeZone(timeZone: string | undefined): string {
    if (!timeZone) return 'UTC';
    try {
        new Intl.DateTimeFormat('en-US', { timeZone });
        return timeZone;
    } catch {
        return 'UTC';
    }
}
