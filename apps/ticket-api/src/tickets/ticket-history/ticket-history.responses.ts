import type { ActorRole, TicketEvent, TicketEventType } from '@app/domain';

/** Who caused an event, as API users see it: never the key, nor the staff member's identity. */
export interface HistoryActor {
  role: ActorRole;
  label: 'You' | 'Support Team';
}

export interface HistoryEntry {
  eventId: string;
  version: number;
  type: TicketEventType;
  /** When the change was decided. */
  occurredAt: string;
  /** When the event store recorded it. */
  recordedAt: string;
  actor: HistoryActor;
  data: Record<string, unknown>;
}

export interface TicketHistoryPage {
  ticketId: number;
  items: HistoryEntry[];
  nextCursor: string | null;
}

/** The event's data as the public API shows it: storage internals (the object key) stay inside. */
export function publicData(event: TicketEvent): Record<string, unknown> {
  switch (event.type) {
    case 'AttachmentAdded': {
      const { objectKey: _objectKey, ...data } = event.data;
      return data;
    }
    case 'TicketOpened':
    case 'MessageAdded':
    case 'TicketReopened':
    case 'TicketResolved':
    case 'TicketClosed':
    case 'TicketStatusChanged':
      return { ...event.data };
    default: {
      const unhandled: never = event;
      throw new Error(`unhandled event ${(unhandled as { type: string }).type}`);
    }
  }
}
