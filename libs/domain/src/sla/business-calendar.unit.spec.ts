import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  addBusinessMinutes,
  ALWAYS_OPEN,
  businessMinutesBetween,
  isBusinessTime,
} from './business-calendar';
import type { BusinessCalendar } from './business-calendar';

const MINUTE = 60_000;
const at = (iso: string) => Date.parse(iso);

/** Monday to Friday, 09:00-12:00 and 13:00-17:00 in Berlin, with New Year's Day off. */
const BERLIN: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  weekly: [1, 2, 3, 4, 5].flatMap((day) => [
    { day, start: 9 * 60, end: 12 * 60 },
    { day, start: 13 * 60, end: 17 * 60 },
  ]),
  holidays: ['2027-01-01'],
};

const instants = fc.integer({ min: at('2026-01-01T00:00:00Z'), max: at('2027-12-31T00:00:00Z') });
const minutes = fc.integer({ min: 1, max: 5 * 7 * 60 });

describe('business calendar', () => {
  it('counts back exactly the business minutes it added, from any instant', () => {
    fc.assert(
      fc.property(instants, minutes, (from, n) => {
        const due = addBusinessMinutes(BERLIN, from, n)!;
        expect(businessMinutesBetween(BERLIN, from, due)).toBeCloseTo(n, 6);
      }),
      { numRuns: 200 },
    );
  });

  it('a due time falls in business hours (or at their end), never on a weekend or a holiday', () => {
    fc.assert(
      fc.property(instants, minutes, (from, n) => {
        const due = addBusinessMinutes(BERLIN, from, n)!;
        expect(isBusinessTime(BERLIN, due - 1)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('more business minutes never give an earlier due time', () => {
    fc.assert(
      fc.property(instants, minutes, minutes, (from, a, b) => {
        const [less, more] = a <= b ? [a, b] : [b, a];
        expect(addBusinessMinutes(BERLIN, from, more)!).toBeGreaterThanOrEqual(
          addBusinessMinutes(BERLIN, from, less)!,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('a calendar open around the clock counts real minutes, across daylight-saving changes too', () => {
    const berlinAlways: BusinessCalendar = { ...ALWAYS_OPEN, timeZone: 'Europe/Berlin' };
    fc.assert(
      fc.property(instants, fc.integer({ min: 1, max: 60 * 24 * 40 }), (from, n) => {
        expect(addBusinessMinutes(berlinAlways, from, n)).toBe(from + n * MINUTE);
      }),
      { numRuns: 200 },
    );
  });

  it('working days next to a daylight-saving change keep their 7 hours, at the local hour', () => {
    for (const day of ['2026-03-27', '2026-03-30', '2026-10-23', '2026-10-26']) {
      const start = at(`${day}T00:00:00Z`);
      expect([day, businessMinutesBetween(BERLIN, start, start + 86_400_000)]).toEqual([day, 420]);
    }
    // Monday 30 March 2026 09:00 is 07:00 UTC (summer time); Monday 26 October 09:00 is 08:00 UTC
    expect(addBusinessMinutes(BERLIN, at('2026-03-28T12:00:00Z'), 1)).toBe(
      at('2026-03-30T07:01:00Z'),
    );
    expect(addBusinessMinutes(BERLIN, at('2026-10-24T12:00:00Z'), 1)).toBe(
      at('2026-10-26T08:01:00Z'),
    );
  });

  it('a local day is 23 or 25 hours long on the days the clocks change', () => {
    const sundays: BusinessCalendar = {
      timeZone: 'Europe/Berlin',
      weekly: [{ day: 7, start: 0, end: 1440 }],
      holidays: [],
    };
    const hoursOfSundayIn = (week: string) =>
      businessMinutesBetween(sundays, at(week), at(week) + 7 * 86_400_000) / 60;
    expect(hoursOfSundayIn('2026-03-25T00:00:00Z')).toBe(23);
    expect(hoursOfSundayIn('2026-10-21T00:00:00Z')).toBe(25);
    expect(hoursOfSundayIn('2026-11-04T00:00:00Z')).toBe(24);
  });

  it('skips lunch, the night, the weekend and holidays', () => {
    // Thursday 31 December 2026, 16:30 Berlin (15:30 UTC): 30 minutes that day, then Monday 4 January
    expect(addBusinessMinutes(BERLIN, at('2026-12-31T15:30:00Z'), 60)).toBe(
      at('2027-01-04T08:30:00Z'),
    );
    // Wednesday 11:30 Berlin in winter: 30 minutes before lunch, 30 after
    expect(addBusinessMinutes(BERLIN, at('2026-12-02T10:30:00Z'), 60)).toBe(
      at('2026-12-02T12:30:00Z'),
    );
  });

  it('a calendar without hours gives no due time', () => {
    const closed: BusinessCalendar = { timeZone: 'UTC', weekly: [], holidays: [] };
    expect(addBusinessMinutes(closed, at('2026-12-02T10:30:00Z'), 1)).toBeNull();
    expect(businessMinutesBetween(closed, 0, at('2026-12-02T10:30:00Z'))).toBe(0);
  });
});
