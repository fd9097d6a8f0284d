import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  aCustomer,
  aStaffMember,
  messageAdded,
  opened,
  priorityChanged,
  reopened,
  resolved,
  statusChanged,
} from '@test/support/ticket.builders';
import type { TicketEvent } from '../ticket/ticket.events';
import { ALWAYS_OPEN } from './business-calendar';
import type { BusinessCalendar } from './business-calendar';
import { slaClock } from './sla-clock';
import type { SlaPolicies, SlaTargets } from './sla-clock';

const HOUR = 3_600_000;
const T0 = Date.parse('2026-12-02T08:00:00Z');
const iso = (hours: number) => new Date(T0 + hours * HOUR).toISOString();

const targets = (firstReply: number, nextReply: number, resolution: number): SlaTargets => ({
  firstReply,
  nextReply,
  resolution,
});
const POLICIES: SlaPolicies = {
  low: targets(8 * 60, 8 * 60, 5 * 24 * 60),
  normal: targets(4 * 60, 4 * 60, 3 * 24 * 60),
  high: targets(60, 2 * 60, 24 * 60),
  urgent: targets(15, 30, 4 * 60),
};

/** Events at the given hours after T0, numbered as stored. */
const at = (...timed: [number, (occurredAt: string) => TicketEvent][]) =>
  timed.map(([hours, make], i) => ({ event: make(iso(hours)), streamVersion: i + 1 }));

const customer = (occurredAt: string) => aCustomer({ occurredAt });
const staff = (occurredAt: string) => aStaffMember({ occurredAt });
const open = (t: string) => opened({}, customer(t));
const customerReply = (t: string) => messageAdded({}, customer(t));
const staffReply = (t: string) => messageAdded({}, staff(t));

const dueOf = (events: ReturnType<typeof at>, calendar: BusinessCalendar = ALWAYS_OPEN) =>
  Object.fromEntries(
    slaClock(events, POLICIES, calendar).map((t) => [
      t.kind,
      t.dueAt === null ? 'paused' : (t.dueAt - T0) / HOUR,
    ]),
  );

describe('SLA clock', () => {
  it('a new ticket is due a first reply and a resolution, by its priority', () => {
    expect(dueOf(at([0, open]))).toEqual({ firstReply: 4, resolution: 72 });
  });

  it("a staff reply meets the first reply; the customer's answer then starts a next-reply target", () => {
    expect(dueOf(at([0, open], [1, staffReply]))).toEqual({ resolution: 72 });
    expect(dueOf(at([0, open], [1, staffReply], [2, customerReply]))).toEqual({
      nextReply: 6,
      resolution: 72,
    });
  });

  it('a second customer message before the answer keeps the next-reply target of the first', () => {
    const events = at([0, open], [1, staffReply], [2, customerReply], [3, customerReply]);
    expect(dueOf(events)).toEqual({ nextReply: 6, resolution: 72 });
  });

  it('customer messages before any staff reply are covered by the first-reply target', () => {
    expect(dueOf(at([0, open], [1, customerReply]))).toEqual({ firstReply: 4, resolution: 72 });
  });

  it('every clock stops while the ticket awaits the customer and runs on when it comes back', () => {
    const waiting = at([0, open], [1, (t) => statusChanged('Open', 'AwaitingCustomer', staff(t))]);
    expect(dueOf(waiting)).toEqual({ firstReply: 'paused', resolution: 'paused' });
    const back = at(
      [0, open],
      [1, (t) => statusChanged('Open', 'AwaitingCustomer', staff(t))],
      [11, (t) => statusChanged('AwaitingCustomer', 'Open', staff(t))],
    );
    expect(dueOf(back)).toEqual({ firstReply: 14, resolution: 82 });
  });

  it('the current priority says how long: raising it brings the due times forward', () => {
    const raised = at([0, open], [1, (t) => priorityChanged('normal', 'urgent', staff(t))]);
    expect(dueOf(raised)).toEqual({ firstReply: 0.25, resolution: 4 });
  });

  it('resolving meets every target; a reopening starts the resolution clock again', () => {
    expect(dueOf(at([0, open], [1, staffReply], [2, (t) => resolved(staff(t))]))).toEqual({});
    const reopenedByReply = at(
      [0, open],
      [1, staffReply],
      [2, (t) => resolved(staff(t))],
      [5, customerReply],
      [5, (t) => reopened('customer-reply', customer(t))],
    );
    expect(dueOf(reopenedByReply)).toEqual({ nextReply: 9, resolution: 77 });
  });

  it('counts business minutes only: a ticket opened on Friday evening is due on Monday', () => {
    const weekdays: BusinessCalendar = {
      timeZone: 'UTC',
      weekly: [1, 2, 3, 4, 5].map((day) => ({ day, start: 9 * 60, end: 17 * 60 })),
      holidays: [],
    };
    // T0 + 56 h is Friday 4 December 2026, 16:00 UTC: one business hour that day, three on Monday
    const events = at([56, open]);
    const [firstReply] = slaClock(events, POLICIES, weekdays);
    expect(new Date(firstReply.dueAt!).toISOString()).toBe('2026-12-07T12:00:00.000Z');
  });

  it('each target has an identity (its kind and the version that started it) that a later event keeps', () => {
    const started = at([0, open], [1, staffReply], [2, customerReply]);
    const later = at([0, open], [1, staffReply], [2, customerReply], [3, customerReply]);
    const ids = (events: typeof started) =>
      slaClock(events, POLICIES, ALWAYS_OPEN).map((t) => `${t.kind}@${t.startedAtVersion}`);
    expect(ids(later)).toEqual(ids(started));
    expect(ids(started).sort()).toEqual(['nextReply@3', 'resolution@1']);
  });

  it('a pause of any length moves every running due time by that length (calendar open around the clock)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 1, max: 500 }),
        (pauseStart, pauseHours) => {
          const steady = dueOf(at([0, open]));
          const paused = dueOf(
            at(
              [0, open],
              [pauseStart, (t) => statusChanged('Open', 'AwaitingCustomer', staff(t))],
              [pauseStart + pauseHours, (t) => statusChanged('AwaitingCustomer', 'Open', staff(t))],
            ),
          );
          expect(paused).toEqual({
            firstReply: (steady.firstReply as number) + pauseHours,
            resolution: (steady.resolution as number) + pauseHours,
          });
        },
      ),
      { numRuns: 100 },
    );
  });
});
