import { instantOf, localDate, safeTimeZone } from './time-zone';

/** Opening hours: the weekdays open (0 = Sunday) and the minutes of the day from/to, in a zone. */
export interface BusinessHours {
    days: ReadonlySet<number>;
    openMinute: number;
    closeMinute: number;
    timeZone: string;
}

const DAY_NAMES = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/**
 * Parses `Mon-Fri 09:00-18:00` (also `Mon,Wed,Fri 08:30-12:00`, `24/7`). Throws naming the problem.
 */
export function parseBusinessHours(spec: string, timeZone: string | undefined): BusinessHours {
    const zone = safeTimeZone(timeZone);
    if (spec.trim().toLowerCase() === '24/7') return { days: new Set([0, 1, 2, 3, 4, 5, 6]), openMinute: 0, closeMinute: 1440, timeZone: zone };
    const match = /^\s*([a-z,-]+)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/i.exec(spec);
    if (!match) throw new Error(`business hours "${spec}" must look like "Mon-Fri 09:00-18:00" or "24/7"`);
    const days = new Set<number>();
    for (const part of match[1]!.toLowerCase().split(',')) {
        const [from, to] = part.split('-').map((d) => DAY_NAMES.indexOf(d.slice(0, 3)));
        if (from === undefined || from < 0 || (to !== undefined && to < 0)) throw new Error(`unknown day in "${part}" (use Mon, Tue, …)`);
        for (let d = from; ; d = (d + 1) % 7) {
            days.add(d);
            if (d === (to ?? from)) break;
        }
    }
    const openMinute = Number(match[2]) * 60 + Number(match[3]);
    const closeMinute = Number(match[4]) * 60 + Number(match[5]);
    if (closeMinute <= openMinute || closeMinute > 1440) throw new Error(`business hours "${spec}": closing must be after opening`);
    return { days, openMinute, closeMinute, timeZone: zone };
}

/**
 * The instant `minutes` of business time after `start`: time outside the opening hours does not
 * count (a customer writing at 17:55 with a 15-minute target is due at 09:10 the next working day).
 */
export function addBusinessMinutes(start: number, minutes: number, hours: BusinessHours): number {
    let at = start;
    let remaining = minutes * 60_000;
    for (let guard = 0; guard < 400 && remaining > 0; guard++) {
        const local = localDate(hours.timeZone, at);
        const open = instantOf(hours.timeZone, local.year, local.month, local.day, 0, hours.openMinute);
        const close = instantOf(hours.timeZone, local.year, local.month, local.day, 0, hours.closeMinute);
        if (hours.days.has(local.weekday) && at >= open && at < close) {
            const used = Math.min(remaining, close - at);
            remaining -= used;
            at += used;
            if (remaining === 0) return at;
        }
        // Jump to the next opening: today's, if not reached yet, else tomorrow's (or later).
        const next = hours.days.has(local.weekday) && at < open ? open : nextOpening(hours, local);
        at = Math.max(at, next);
    }
    return at;
}

function nextOpening(hours: BusinessHours, local: ReturnType<typeof localDate>): number {
    for (let d = 1; d <= 7; d++) {
        const weekday = (local.weekday + d) % 7;
        if (hours.days.has(weekday)) return instantOf(hours.timeZone, local.year, local.month, local.day + d, 0, hours.openMinute);
    }
    return Number.MAX_SAFE_INTEGER;
}
