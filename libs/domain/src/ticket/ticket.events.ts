import type { ActorRole } from '../shared/actor';
import type { DomainEvent } from '../shared/event-metadata';
import type { Assignee, TicketPriority } from './ticket-priority';
import type { TicketStatus, WorkflowStatus } from './ticket-status';

export type TicketOpened = DomainEvent<
  'TicketOpened',
  {
    ticketId: number;
    accountId: string;
    subject: string;
    description: string;
    topic: string;
    propertyId: string | null;
  }
>;

export type MessageAdded = DomainEvent<
  'MessageAdded',
  { ticketId: number; messageId: number; message: string; authorType: ActorRole }
>;

export type TicketReopened = DomainEvent<
  'TicketReopened',
  { ticketId: number; reason: 'customer-reply' | 'staff' }
>;

export type TicketResolved = DomainEvent<'TicketResolved', { ticketId: number }>;

export type TicketClosed = DomainEvent<'TicketClosed', { ticketId: number }>;

export type TicketStatusChanged = DomainEvent<
  'TicketStatusChanged',
  { ticketId: number; from: TicketStatus; to: WorkflowStatus }
>;

export type AttachmentAdded = DomainEvent<
  'AttachmentAdded',
  {
    ticketId: number;
    attachmentId: number;
    messageId: number | null;
    fileName: string;
    contentType: string;
    size: number;
    sha256: string;
    objectKey: string;
    uploadedBy: ActorRole;
  }
>;

/** A staff member's note on the thread: staff readers see it, a customer never does (ticket-visibility). */
export type InternalNoteAdded = DomainEvent<
  'InternalNoteAdded',
  { ticketId: number; noteId: number; note: string }
>;

/** A file on an internal note: staff only, like the note; `uploadedBy` is always staff. */
export type NoteAttachmentAdded = DomainEvent<
  'NoteAttachmentAdded',
  {
    ticketId: number;
    attachmentId: number;
    noteId: number;
    fileName: string;
    contentType: string;
    size: number;
    sha256: string;
    objectKey: string;
  }
>;

export type TicketAssigned = DomainEvent<
  'TicketAssigned',
  { ticketId: number; assignee: Assignee | null }
>;

export type TicketPriorityChanged = DomainEvent<
  'TicketPriorityChanged',
  { ticketId: number; from: TicketPriority; to: TicketPriority }
>;

export type TicketEvent =
  | TicketOpened
  | MessageAdded
  | TicketReopened
  | TicketResolved
  | TicketClosed
  | TicketStatusChanged
  | AttachmentAdded
  | TicketAssigned
  | TicketPriorityChanged
  | InternalNoteAdded
  | NoteAttachmentAdded;

export type TicketEventType = TicketEvent['type'];

export const TICKET_EVENT_TYPES: readonly TicketEventType[] = [
  'TicketOpened',
  'MessageAdded',
  'TicketReopened',
  'TicketResolved',
  'TicketClosed',
  'TicketStatusChanged',
  'AttachmentAdded',
  'TicketAssigned',
  'TicketPriorityChanged',
  'InternalNoteAdded',
  'NoteAttachmentAdded',
];

/** Current schema version of each event type; upcasters lift older stored versions to these. */
export const CURRENT_SCHEMA_VERSION: Readonly<Record<TicketEventType, number>> = {
  TicketOpened: 1,
  MessageAdded: 1,
  TicketReopened: 1,
  TicketResolved: 1,
  TicketClosed: 1,
  TicketStatusChanged: 1,
  AttachmentAdded: 1,
  TicketAssigned: 1,
  TicketPriorityChanged: 1,
  InternalNoteAdded: 1,
  NoteAttachmentAdded: 1,
};
