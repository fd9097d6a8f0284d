import type { EventMetadata } from '../shared/event-metadata';
import type { TicketEvent, TicketEventType } from './ticket.events';
import { CURRENT_SCHEMA_VERSION, TICKET_EVENT_TYPES } from './ticket.events';

/** An event as stored, in whatever schema version it was written. */
export interface RecordedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: EventMetadata;
}

type Upcast = (data: Record<string, unknown>) => Record<string, unknown>;

/** Lifts one schema version of an event type to the next: UPCASTERS[type][fromVersion]. */
const UPCASTERS: Partial<Record<TicketEventType, Record<number, Upcast>>> = {};

export class UnknownEventError extends Error {}

const isTicketEventType = (type: string): type is TicketEventType =>
  (TICKET_EVENT_TYPES as readonly string[]).includes(type);

export function upcastTicketEvent(recorded: RecordedEvent): TicketEvent {
  if (!isTicketEventType(recorded.type)) {
    throw new UnknownEventError(`Unknown ticket event type ${recorded.type}`);
  }
  const target = CURRENT_SCHEMA_VERSION[recorded.type];
  let data = recorded.data as Record<string, unknown>;
  for (let version = recorded.schemaVersion; version < target; version++) {
    const upcast = UPCASTERS[recorded.type]?.[version];
    if (!upcast) throw new UnknownEventError(`No upcaster for ${recorded.type} v${version}`);
    data = upcast(data);
  }
  if (recorded.schemaVersion > target) {
    throw new UnknownEventError(
      `${recorded.type} v${recorded.schemaVersion} is newer than this code`,
    );
  }
  return { ...recorded, type: recorded.type, schemaVersion: target, data } as TicketEvent;
}

export const ticketStreamId = (ticketId: number): string => `ticket-${ticketId}`;
