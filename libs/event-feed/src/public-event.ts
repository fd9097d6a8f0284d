import { authorLabel } from '@app/domain';
import type { ActorRole, AuthorLabel, TicketEvent, TicketEventType } from '@app/domain';
import type { StoredEvent } from '@app/event-store';

/** Who caused an event, as API users see it: never the key, nor the staff member's identity. */
export interface PublicActor {
  role: ActorRole;
  label: AuthorLabel;
}

/** An event as the API shows it: in a ticket's history, in the change feed and in webhook deliveries. */
export interface PublicEvent {
  eventId: string;
  version: number;
  type: TicketEventType;
  /** When the change was decided. */
  occurredAt: string;
  /** When the event store recorded it. */
  recordedAt: string;
  actor: PublicActor;
  data: Record<string, unknown>;
}

/** A change-feed entry: the public event and the ticket and account it belongs to. */
export interface FeedItem extends PublicEvent {
  ticketId: number;
  accountId: string;
}

/** The event's data as the public API shows it: storage internals (the object key) stay inside. */
export function publicData(event: TicketEvent): Record<string, unknown> {
  switch (event.type) {
    case 'AttachmentAdded':
    case 'NoteAttachmentAdded': {
      const { objectKey: _objectKey, ...data } = event.data;
      return data;
    }
    case 'TicketAssigned': {
      // the agent's name stays inside, like every staff member's identity
      const { assignee } = event.data;
      const shown = assignee && 'agentId' in assignee ? { agentId: assignee.agentId } : assignee;
      return { ticketId: event.data.ticketId, assignee: shown };
    }
    case 'TicketPriorityChanged':
    case 'InternalNoteAdded':
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

/**
 * The event's version as a reader of this role counts it: a customer's skips the staff-only events, whose
 * count the append stamped (an event stored before the stamp had none before it: its stream version).
 */
export const versionFor = (reader: ActorRole, stored: StoredEvent<TicketEvent>): number =>
  reader === 'staff'
    ? stored.streamVersion
    : (stored.event.metadata.customerVersion ?? stored.streamVersion);

/** Call only with an event this reader may see (isVisibleTo). */
export function toPublicEvent(stored: StoredEvent<TicketEvent>, reader: ActorRole): PublicEvent {
  const { event } = stored;
  return {
    eventId: stored.eventId,
    version: versionFor(reader, stored),
    type: event.type,
    occurredAt: new Date(event.metadata.occurredAt).toISOString(),
    recordedAt: stored.recordedAt,
    actor: { role: event.metadata.actor.role, label: authorLabel(event.metadata.actor.role) },
    data: publicData(event),
  };
}

export const toFeedItem = (
  stored: StoredEvent<TicketEvent>,
  accountId: string,
  reader: ActorRole,
): FeedItem => ({
  ticketId: stored.event.data.ticketId,
  accountId,
  ...toPublicEvent(stored, reader),
});
