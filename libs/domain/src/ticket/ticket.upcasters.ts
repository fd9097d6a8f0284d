import type { TicketEvent, TicketEventType } from './ticket.events';
import { CURRENT_SCHEMA_VERSION, TICKET_EVENT_TYPES } from './ticket.events';

/** An event as stored, in whatever schema version it was written. */
export interface RecordedEvent {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  /** Written by the domain (EventMetadata) and passed through as it is. */
  readonly metadata: unknown;
}

type Upcast = (data: Record<string, unknown>) => Record<string, unknown>;

/**
 * Schema v0 is the shape the events had when they were imported from the previous ticket system:
 * TicketOpened had a `category` instead of a `topic` and no property; MessageAdded had a `body` and an
 * `isStaff` flag instead of `message` and `authorType`.
 */
const ticketOpenedV0toV1: Upcast = ({ category, topic, propertyId, ...rest }) => ({
  ...rest,
  topic: topic ?? category,
  propertyId: propertyId ?? null,
});

const messageAddedV0toV1: Upcast = ({ body, isStaff, ...rest }) => ({
  ...rest,
  message: body,
  authorType: isStaff === true ? 'staff' : 'customer',
});

/** Lifts one schema version of an event type to the next: UPCASTERS[type][fromVersion]. */
const UPCASTERS: Partial<Record<TicketEventType, Record<number, Upcast>>> = {
  TicketOpened: { 0: ticketOpenedV0toV1 },
  MessageAdded: { 0: messageAddedV0toV1 },
};

export class UnknownEventError extends Error {}

const isTicketEventType = (type: string): type is TicketEventType =>
  (TICKET_EVENT_TYPES as readonly string[]).includes(type);

export function upcastTicketEvent(recorded: RecordedEvent): TicketEvent {
  if (!isTicketEventType(recorded.type)) {
    throw new UnknownEventError(`Unknown ticket event type ${recorded.type}`);
  }
  const target = CURRENT_SCHEMA_VERSION[recorded.type];
  if (!Number.isInteger(recorded.schemaVersion) || recorded.schemaVersion < 0) {
    throw new UnknownEventError(`${recorded.type} has no valid schema version`);
  }
  if (recorded.schemaVersion > target) {
    throw new UnknownEventError(
      `${recorded.type} v${recorded.schemaVersion} is newer than this code`,
    );
  }
  if (typeof recorded.data !== 'object' || recorded.data === null) {
    throw new UnknownEventError(`${recorded.type} has no data`);
  }
  let data = recorded.data as Record<string, unknown>;
  for (let version = recorded.schemaVersion; version < target; version++) {
    const upcast = UPCASTERS[recorded.type]?.[version];
    if (!upcast) throw new UnknownEventError(`No upcaster for ${recorded.type} v${version}`);
    data = upcast(data);
  }
  return { ...recorded, type: recorded.type, schemaVersion: target, data } as TicketEvent;
}
