import type { TicketEvent } from '@app/domain';
import type { ProjectedEvent } from '@app/read-model';

export type ProjectionResult = 'applied' | 'duplicate' | 'gap-repaired';

/** An event of the batch, with its place in it. */
export interface BatchEvent {
  readonly index: number;
  readonly ticketId: number;
  readonly streamVersion: number;
  readonly event: TicketEvent;
}

/** A ticket whose events leave a hole the store must fill: its versions after `after`, up to `upTo`. */
export interface Behind {
  readonly after: number;
  readonly upTo: number;
}

export interface BatchPlan {
  /** What to write, each ticket's events in version order. */
  readonly project: ProjectedEvent[];
  /** The outcome of each event planned, by its index in the batch. */
  readonly results: Map<number, ProjectionResult>;
  /** Tickets left out of this plan until the store's events fill their holes. */
  readonly behind: Map<number, Behind>;
}

/**
 * For each ticket, at the version its row has reached: an event at or below it is a duplicate, the next one
 * applies, and one further ahead applies after the store's events in between (gap-repaired) when they were
 * fetched; when they were not, the whole ticket waits for them.
 */
export function planBatch(
  events: readonly BatchEvent[],
  versions: ReadonlyMap<number, number>,
  fetched: ReadonlyMap<number, readonly ProjectedEvent[]>,
): BatchPlan {
  const plan: BatchPlan = { project: [], results: new Map(), behind: new Map() };
  for (const [ticketId, ofTicket] of byTicket(events)) {
    const current = versions.get(ticketId) ?? 0;
    const planned = planTicket(ofTicket, current, fetched.get(ticketId) ?? []);
    if ('upTo' in planned) {
      plan.behind.set(ticketId, planned);
      continue;
    }
    plan.project.push(...planned.project);
    for (const [index, result] of planned.results) plan.results.set(index, result);
  }
  return plan;
}

function planTicket(
  events: readonly BatchEvent[],
  current: number,
  fetched: readonly ProjectedEvent[],
): Behind | Omit<BatchPlan, 'behind'> {
  const project: ProjectedEvent[] = [];
  const results = new Map<number, ProjectionResult>();
  let version = current;
  for (const e of events) {
    if (e.streamVersion <= version) {
      results.set(e.index, 'duplicate');
      continue;
    }
    const fill = fetched.filter(
      (f) => f.streamVersion > version && f.streamVersion < e.streamVersion,
    );
    if (!fill.every((f, i) => f.streamVersion === version + 1 + i)) return behind(events, current);
    if (fill.length !== e.streamVersion - version - 1) return behind(events, current);
    project.push(...fill, { streamVersion: e.streamVersion, event: e.event });
    results.set(e.index, fill.length > 0 ? 'gap-repaired' : 'applied');
    version = e.streamVersion;
  }
  return { project, results };
}

const behind = (events: readonly BatchEvent[], current: number): Behind => ({
  after: current,
  upTo: Math.max(...events.map((e) => e.streamVersion)),
});

function byTicket(events: readonly BatchEvent[]): Map<number, BatchEvent[]> {
  const tickets = new Map<number, BatchEvent[]>();
  for (const e of events) {
    const ofTicket = tickets.get(e.ticketId);
    if (ofTicket) ofTicket.push(e);
    else tickets.set(e.ticketId, [e]);
  }
  return tickets;
}
