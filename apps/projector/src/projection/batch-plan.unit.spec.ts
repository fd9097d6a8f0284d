import type { TicketEvent } from '@app/domain';
import { messageAdded } from '@test/support/ticket.builders';
import { planBatch } from './batch-plan';
import type { BatchEvent } from './batch-plan';

const eventOf = (ticketId: number, version: number): TicketEvent =>
  messageAdded({ ticketId, messageId: ticketId * 100 + version, message: `v${version}` });

/** The batch in order: [ticketId, version] pairs. */
const aBatch = (...events: [number, number][]): BatchEvent[] =>
  events.map(([ticketId, streamVersion], index) => ({
    index,
    ticketId,
    streamVersion,
    event: eventOf(ticketId, streamVersion),
  }));

const stored = (ticketId: number, ...versions: number[]) =>
  versions.map((streamVersion) => ({ streamVersion, event: eventOf(ticketId, streamVersion) }));

describe('planBatch', () => {
  it('applies each ticket from the version after its row, skipping duplicates, tickets interleaved', () => {
    const plan = planBatch(
      aBatch([1, 3], [2, 1], [1, 2], [1, 4], [2, 2], [2, 2]),
      new Map([[1, 2]]),
      new Map(),
    );

    expect(plan.project.map((e) => [e.event.data.ticketId, e.streamVersion])).toEqual([
      [1, 3],
      [1, 4],
      [2, 1],
      [2, 2],
    ]);
    expect([...plan.results].sort(([a], [b]) => a - b).map(([, r]) => r)).toEqual([
      'applied',
      'applied',
      'duplicate',
      'applied',
      'applied',
      'duplicate',
    ]);
    expect(plan.behind.size).toBe(0);
  });

  it('holds back a ticket with a hole until the store has filled it, from its row up to its last event', () => {
    const plan = planBatch(aBatch([1, 2], [1, 5], [2, 1]), new Map([[1, 1]]), new Map());

    expect(plan.behind).toEqual(new Map([[1, { after: 1, upTo: 5 }]]));
    expect(plan.project.map((e) => e.event.data.ticketId)).toEqual([2]);
    expect(plan.results.has(0)).toBe(false);
  });

  it('fills a hole with the store’s events, in version order, and counts the event after it as gap-repaired', () => {
    const plan = planBatch(
      aBatch([1, 2], [1, 5], [1, 6]),
      new Map([[1, 1]]),
      new Map([[1, stored(1, 2, 3, 4, 5, 6)]]),
    );

    expect(plan.project.map((e) => e.streamVersion)).toEqual([2, 3, 4, 5, 6]);
    expect([...plan.results.values()]).toEqual(['applied', 'gap-repaired', 'applied']);
  });

  it('asks the store again when the row moved past what it fetched', () => {
    const plan = planBatch(aBatch([1, 9]), new Map([[1, 5]]), new Map([[1, stored(1, 3, 4)]]));

    expect(plan.behind).toEqual(new Map([[1, { after: 5, upTo: 9 }]]));
  });
});
