/** When the support team works: weekly local hours in a time zone, minus holidays. */
export interface BusinessCalendar {
  /** An IANA time zone, e.g. Europe/Berlin. */
  readonly timeZone: string;
  /** Opening hours: ISO weekday (1 Monday .. 7 Sunday), minutes after local midnight, start < end <= 1440. */
  readonly weekly: readonly WeeklyHours[];
  /** Local dates (YYYY-MM-DD) without business hours. */
  readonly holidays: readonly string[];
}

export interface WeeklyHours {
  readonly day: number;
  readonly start: number;
  readonly end: number;
}

/** Every minute of every day, in UTC: what a team without a calendar gets. */
export const ALWAYS_OPEN: BusinessCalendar = {
  timeZone: 'UTC',
  weekly: [1, 2, 3, 4, 5, 6, 7].map((day) => ({ day, start: 0, end: 1440 })),
  holidays: [],
};

const MINUTE = 60_000;
const DAY = 86_400_000;
/** A calendar without hours for this long has none: adding minutes to it gives no instant. */
const SEARCH_DAYS = 3 * 366;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterOf(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The time zone's offset from UTC at an instant, in ms. */
function offsetAt(timeZone: string, instant: number): number {
  const parts: Record<string, number> = {};
  for (const { type, value } of formatterOf(timeZone).formatToParts(instant)) {
    if (type !== 'literal') parts[type] = Number(value);
  }
  const wall = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  );
  return wall - Math.floor(instant / 1000) * 1000;
}

/** The local calendar day (as ms of its UTC midnight) an instant falls on. */
function localDay(timeZone: string, instant: number): number {
  const wall = instant + offsetAt(timeZone, instant);
  return wall - (((wall % DAY) + DAY) % DAY);
}

/** The instant of a local wall time (`day` as from localDay); in a DST gap, the instant just after it. */
function instantOf(timeZone: string, day: number, minute: number): number {
  const wall = day + minute * MINUTE;
  const first = wall - offsetAt(timeZone, wall);
  const second = wall - offsetAt(timeZone, first);
  return Math.max(first, second);
}

const isoDate = (day: number): string => new Date(day).toISOString().slice(0, 10);
const isoWeekday = (day: number): number => ((new Date(day).getUTCDay() + 6) % 7) + 1;

/** The business spans [start, end) of one local day, in real time (a DST day's hours are its real length). */
function spansOfDay(calendar: BusinessCalendar, day: number): [number, number][] {
  if (calendar.holidays.includes(isoDate(day))) return [];
  const weekday = isoWeekday(day);
  return calendar.weekly
    .filter((hours) => hours.day === weekday)
    .map((hours): [number, number] => [
      instantOf(calendar.timeZone, day, hours.start),
      hours.end === 1440
        ? instantOf(calendar.timeZone, day + DAY, 0)
        : instantOf(calendar.timeZone, day, hours.end),
    ])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
}

/** Business time from `from` on, span by span, for at most SEARCH_DAYS local days. */
function* spansFrom(calendar: BusinessCalendar, from: number): Generator<[number, number]> {
  let day = localDay(calendar.timeZone, from) - DAY;
  for (let i = 0; i < SEARCH_DAYS; i++, day += DAY) {
    for (const [start, end] of spansOfDay(calendar, day)) {
      if (end > from) yield [Math.max(start, from), end];
    }
  }
}

/** Business minutes between two instants (0 when `to` is not after `from`). */
export function businessMinutesBetween(
  calendar: BusinessCalendar,
  from: number,
  to: number,
): number {
  let ms = 0;
  for (const [start, end] of spansFrom(calendar, from)) {
    if (start >= to) break;
    ms += Math.min(end, to) - start;
  }
  return ms / MINUTE;
}

/** The instant `minutes` business minutes after `from`; null when the calendar has no hours ahead. */
export function addBusinessMinutes(
  calendar: BusinessCalendar,
  from: number,
  minutes: number,
): number | null {
  let left = minutes * MINUTE;
  if (left <= 0) return from;
  for (const [start, end] of spansFrom(calendar, from)) {
    if (end - start >= left) return start + left;
    left -= end - start;
  }
  return null;
}

/** Whether an instant is business time. */
export function isBusinessTime(calendar: BusinessCalendar, instant: number): boolean {
  const day = localDay(calendar.timeZone, instant);
  return [day - DAY, day].some((d) =>
    spansOfDay(calendar, d).some(([start, end]) => instant >= start && instant < end),
  );
}
