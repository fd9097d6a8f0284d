import type { TicketEvent } from '../ticket/ticket.events';
import type { TicketPriority } from '../ticket/ticket-priority';
import { evolve, initialTicket } from '../ticket/ticket.state';
import type { Ticket } from '../ticket/ticket.state';
import { addBusinessMinutes, businessMinutesBetween } from './business-calendar';
import type { BusinessCalendar } from './business-calendar';

export const SLA_TARGET_KINDS = ['firstReply', 'nextReply', 'resolution'] as const;
export type SlaTargetKind = (typeof SLA_TARGET_KINDS)[number];

/** Business minutes allowed per target; null: no such target. */
export type SlaTargets = Readonly<Record<SlaTargetKind, number | null>>;
export type SlaPolicies = Readonly<Record<TicketPriority, SlaTargets>>;

/** A target the team has not met yet. */
export interface OpenSlaTarget {
  readonly kind: SlaTargetKind;
  /** The stream version of the event that started it: with the kind, its identity (one breach per target). */
  readonly startedAtVersion: number;
  /** When it is due (ms since the epoch); null while the clock is paused (AwaitingCustomer). */
  readonly dueAt: number | null;
}

export interface TimedEvent {
  readonly event: TicketEvent;
  readonly streamVersion: number;
}

interface Running {
  readonly kind: SlaTargetKind;
  readonly startedAtVersion: number;
  /** Real-time spans the clock ran: [start, end), the last one open (end null) while it runs. */
  readonly spans: [number, number | null][];
}

/**
 * The ticket's open SLA targets, from its events and the team's calendar: first reply from the opening,
 * next reply from a customer message after a staff reply, resolution from the opening (and each reopening)
 * until resolved.
 * Every clock stops while the ticket awaits the customer and counts only business minutes; the ticket's
 * current priority says how many.
 */
export function slaClock(
  events: readonly TimedEvent[],
  policies: SlaPolicies,
  calendar: BusinessCalendar,
): OpenSlaTarget[] {
  let state: Ticket = initialTicket();
  let staffReplied = false;
  const open = new Map<SlaTargetKind, Running>();
  const start = (kind: SlaTargetKind, version: number, at: number, paused: boolean) =>
    open.set(kind, { kind, startedAtVersion: version, spans: paused ? [] : [[at, null]] });

  for (const { event, streamVersion } of events) {
    const at = Date.parse(event.metadata.occurredAt);
    const wasPaused = isPaused(state);
    const wasDone = isDone(state);
    state = evolve(state, event);
    if (state.kind !== 'Existing') continue;
    if (event.type === 'TicketOpened') {
      start('firstReply', streamVersion, at, false);
      start('resolution', streamVersion, at, false);
    } else if (event.type === 'MessageAdded' && event.data.authorType === 'staff') {
      open.delete('firstReply');
      open.delete('nextReply');
      staffReplied = true;
    } else if (event.type === 'MessageAdded' && staffReplied && !open.has('nextReply')) {
      start('nextReply', streamVersion, at, isPaused(state));
    }
    if (isDone(state) && !wasDone) open.clear();
    else if (!open.has('resolution') && event.type === 'TicketReopened') {
      start('resolution', streamVersion, at, isPaused(state));
    }
    const paused = isPaused(state);
    if (paused !== wasPaused) for (const running of open.values()) toggle(running, at, paused);
  }

  const targets = state.kind === 'Existing' ? policies[state.priority] : undefined;
  return [...open.values()].flatMap((running) => {
    const minutes = targets?.[running.kind];
    if (minutes === null || minutes === undefined) return [];
    return [
      {
        kind: running.kind,
        startedAtVersion: running.startedAtVersion,
        dueAt: dueOf(running.spans, minutes, calendar),
      },
    ];
  });
}

const isDone = (state: Ticket): boolean =>
  state.kind === 'Existing' && (state.status === 'Resolved' || state.status === 'Closed');

const isPaused = (state: Ticket): boolean =>
  state.kind === 'Existing' && state.status === 'AwaitingCustomer';

function toggle(running: Running, at: number, paused: boolean): void {
  const last = running.spans.at(-1);
  if (paused && last && last[1] === null) last[1] = at;
  if (!paused && (!last || last[1] !== null)) running.spans.push([at, null]);
}

/** Where the running spans reach `minutes` business minutes; null when they stop short (paused). */
function dueOf(
  spans: readonly [number, number | null][],
  minutes: number,
  calendar: BusinessCalendar,
): number | null {
  let elapsed = 0;
  for (const [start, end] of spans) {
    const left = minutes - elapsed;
    if (end === null) return addBusinessMinutes(calendar, start, left);
    const ran = businessMinutesBetween(calendar, start, end);
    if (ran >= left) return addBusinessMinutes(calendar, start, left);
    elapsed += ran;
  }
  return null;
}
