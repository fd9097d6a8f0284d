import type { ActorRole } from '../shared/actor';
import type { TicketEvent, TicketEventType } from './ticket.events';
import { TICKET_EVENT_TYPES } from './ticket.events';

/** Events only staff keys read: in no customer's detail, thread, history, asOf, feed, webhook, version or count. */
export const STAFF_ONLY_EVENT_TYPES: readonly TicketEventType[] = [
  'InternalNoteAdded',
  'TicketAssigned',
  'TicketPriorityChanged',
  'NoteAttachmentAdded',
];

/** The event types a reader of this role may see. */
export const visibleEventTypes = (role: ActorRole): readonly TicketEventType[] =>
  role === 'staff'
    ? TICKET_EVENT_TYPES
    : TICKET_EVENT_TYPES.filter((type) => !STAFF_ONLY_EVENT_TYPES.includes(type));

export const isVisibleTo = (role: ActorRole, event: Pick<TicketEvent, 'type'>): boolean =>
  role === 'staff' || !STAFF_ONLY_EVENT_TYPES.includes(event.type);

/**
 * A ticket's version as a reader of this role counts it: every event for staff, the ones a customer sees for a
 * customer, so a customer's ETag and versions move only with what the customer can see.
 */
export const versionAs = (
  role: ActorRole,
  events: readonly Pick<TicketEvent, 'type'>[],
  from = 0,
): number => from + events.filter((event) => isVisibleTo(role, event)).length;
