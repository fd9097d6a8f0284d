/**
 * Readable builders for ticket tests. Every value is fixed (no clocks, no random ids) so that the
 * events a command produces can be compared with `toEqual` against the events built here: a
 * command and the events it produces share the same metadata object.
 */
import type { Actor } from '@app/domain';
import type { EventMetadata } from '@app/domain';
import type { Assignee, TicketPriority } from '@app/domain';
import type {
  AddAttachment,
  AddInternalNote,
  AddMessage,
  AssignTicket,
  ChangeTicketPriority,
  ChangeTicketStatus,
  CloseTicket,
  OpenTicket,
  ResolveTicket,
} from '@app/domain';
import type {
  AttachmentAdded,
  MessageAdded,
  TicketClosed,
  TicketEvent,
  TicketOpened,
  TicketReopened,
  TicketResolved,
  TicketStatusChanged,
  TicketAssigned,
  TicketPriorityChanged,
  InternalNoteAdded,
  NoteAttachmentAdded,
} from '@app/domain';
import { CURRENT_SCHEMA_VERSION } from '@app/domain';
import type { TicketStatus, WorkflowStatus } from '@app/domain';

export const TICKET_ID = 789;
export const ACCOUNT_ID = '123';
export const API_KEY_ID = 'key-1';
export const OCCURRED_AT = '2025-01-15T10:00:00.000Z';
export const CORRELATION_ID = 'corr-0001';
export const MESSAGE_ID = 456;
export const ATTACHMENT_ID = 42;

/** The status of a ticket in a test's history; `Empty` means the ticket was never opened. */
export type GivenStatus = 'Empty' | TicketStatus;
export const GIVEN_STATUSES: readonly GivenStatus[] = [
  'Empty',
  'Open',
  'InProgress',
  'AwaitingCustomer',
  'Resolved',
  'Closed',
];

// ---------------------------------------------------------------------------------------------
// Metadata
// ---------------------------------------------------------------------------------------------

type MetadataOverrides = Partial<Omit<EventMetadata, 'actor'>> & {
  readonly actor?: Partial<Actor>;
};

function metadata(actor: Actor, overrides: MetadataOverrides): EventMetadata {
  return {
    occurredAt: overrides.occurredAt ?? OCCURRED_AT,
    correlationId: overrides.correlationId ?? CORRELATION_ID,
    actor: { ...actor, ...overrides.actor },
  };
}

/** Metadata for a customer acting for account {@link ACCOUNT_ID} with an API key. */
export const aCustomer = (overrides: MetadataOverrides = {}): EventMetadata =>
  metadata({ role: 'customer', accountId: ACCOUNT_ID, apiKeyId: API_KEY_ID }, overrides);

/** Metadata for a member of the support team. */
export const aStaffMember = (overrides: MetadataOverrides = {}): EventMetadata =>
  metadata({ role: 'staff', accountId: null, apiKeyId: null }, overrides);

/** Metadata for the given role, for tables that run the same case as customer and as staff. */
export const anActor = (role: Actor['role'], overrides: MetadataOverrides = {}): EventMetadata =>
  role === 'customer' ? aCustomer(overrides) : aStaffMember(overrides);

// ---------------------------------------------------------------------------------------------
// Events
// ---------------------------------------------------------------------------------------------

export function opened(
  data: Partial<TicketOpened['data']> = {},
  meta: EventMetadata = aCustomer(),
): TicketOpened {
  return {
    type: 'TicketOpened',
    schemaVersion: CURRENT_SCHEMA_VERSION.TicketOpened,
    data: {
      ticketId: TICKET_ID,
      accountId: ACCOUNT_ID,
      subject: 'Cannot log in',
      description: 'The login page keeps spinning.',
      topic: 'Access',
      propertyId: null,
      ...data,
    },
    metadata: meta,
  };
}

export function messageAdded(
  data: Partial<Omit<MessageAdded['data'], 'authorType'>> = {},
  meta: EventMetadata = aCustomer(),
): MessageAdded {
  return {
    type: 'MessageAdded',
    schemaVersion: CURRENT_SCHEMA_VERSION.MessageAdded,
    data: {
      ticketId: TICKET_ID,
      messageId: MESSAGE_ID,
      message: 'Still failing after 30 minutes.',
      ...data,
      authorType: meta.actor.role,
    },
    metadata: meta,
  };
}

export function reopened(
  reason: TicketReopened['data']['reason'],
  meta: EventMetadata = reason === 'staff' ? aStaffMember() : aCustomer(),
): TicketReopened {
  return {
    type: 'TicketReopened',
    schemaVersion: CURRENT_SCHEMA_VERSION.TicketReopened,
    data: { ticketId: TICKET_ID, reason },
    metadata: meta,
  };
}

export function resolved(meta: EventMetadata = aStaffMember()): TicketResolved {
  return {
    type: 'TicketResolved',
    schemaVersion: CURRENT_SCHEMA_VERSION.TicketResolved,
    data: { ticketId: TICKET_ID },
    metadata: meta,
  };
}

export function closed(meta: EventMetadata = aCustomer()): TicketClosed {
  return {
    type: 'TicketClosed',
    schemaVersion: CURRENT_SCHEMA_VERSION.TicketClosed,
    data: { ticketId: TICKET_ID },
    metadata: meta,
  };
}

export function statusChanged(
  from: TicketStatus,
  to: WorkflowStatus,
  meta: EventMetadata = aStaffMember(),
): TicketStatusChanged {
  return {
    type: 'TicketStatusChanged',
    schemaVersion: CURRENT_SCHEMA_VERSION.TicketStatusChanged,
    data: { ticketId: TICKET_ID, from, to },
    metadata: meta,
  };
}

export function attachmentAdded(
  data: Partial<Omit<AttachmentAdded['data'], 'uploadedBy'>> = {},
  meta: EventMetadata = aCustomer(),
): AttachmentAdded {
  return {
    type: 'AttachmentAdded',
    schemaVersion: CURRENT_SCHEMA_VERSION.AttachmentAdded,
    data: { ...fileData(), ...data, uploadedBy: meta.actor.role },
    metadata: meta,
  };
}

/** The file of an attachment, without what it belongs to besides its ticket. */
function fileData(): Omit<AddAttachment['data'], 'noteId'> {
  const { noteId: _noteId, ...data } = attachmentData();
  return data;
}

/** A history that leaves the ticket in `status`; an empty history for `Empty`. */
export function historyFor(status: GivenStatus): TicketEvent[] {
  switch (status) {
    case 'Empty':
      return [];
    case 'Open':
      return [opened()];
    case 'InProgress':
      return [opened(), statusChanged('Open', 'InProgress')];
    case 'AwaitingCustomer':
      return [opened(), statusChanged('Open', 'AwaitingCustomer')];
    case 'Resolved':
      return [opened(), resolved()];
    case 'Closed':
      return [opened(), closed()];
  }
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

export function openTicket(
  data: Partial<OpenTicket['data']> = {},
  meta: EventMetadata = aCustomer(),
): OpenTicket {
  return { type: 'OpenTicket', data: { ...opened().data, ...data }, metadata: meta };
}

export function addMessage(
  data: Partial<AddMessage['data']> = {},
  meta: EventMetadata = aCustomer(),
): AddMessage {
  return {
    type: 'AddMessage',
    data: {
      ticketId: TICKET_ID,
      messageId: MESSAGE_ID,
      message: 'Still failing after 30 minutes.',
      ...data,
    },
    metadata: meta,
  };
}

export function resolveTicket(meta: EventMetadata = aStaffMember()): ResolveTicket {
  return { type: 'ResolveTicket', data: { ticketId: TICKET_ID }, metadata: meta };
}

export function closeTicket(meta: EventMetadata = aCustomer()): CloseTicket {
  return { type: 'CloseTicket', data: { ticketId: TICKET_ID }, metadata: meta };
}

export function changeStatus(
  status: WorkflowStatus,
  meta: EventMetadata = aStaffMember(),
): ChangeTicketStatus {
  return { type: 'ChangeTicketStatus', data: { ticketId: TICKET_ID, status }, metadata: meta };
}

export function addAttachment(
  data: Partial<AddAttachment['data']> = {},
  meta: EventMetadata = aCustomer(),
): AddAttachment {
  return { type: 'AddAttachment', data: { ...attachmentData(), ...data }, metadata: meta };
}

function attachmentData(): AddAttachment['data'] {
  return {
    ticketId: TICKET_ID,
    attachmentId: ATTACHMENT_ID,
    messageId: null,
    noteId: null,
    fileName: 'screenshot.png',
    contentType: 'image/png',
    size: 1024,
    sha256: 'a'.repeat(64),
    objectKey: `tickets/${TICKET_ID}/attachment-${ATTACHMENT_ID}.png`,
  };
}

// ---------------------------------------------------------------------------------------------
// Assignment and priority
// ---------------------------------------------------------------------------------------------

export const AN_AGENT: Assignee = { agentId: 7, name: 'Ana Lopez' };
export const A_GROUP: Assignee = { group: 'billing' };

export function assigned(
  assignee: Assignee | null,
  meta: EventMetadata = aStaffMember(),
): TicketAssigned {
  return {
    type: 'TicketAssigned',
    schemaVersion: CURRENT_SCHEMA_VERSION.TicketAssigned,
    data: { ticketId: TICKET_ID, assignee },
    metadata: meta,
  };
}

export function priorityChanged(
  from: TicketPriority,
  to: TicketPriority,
  meta: EventMetadata = aStaffMember(),
): TicketPriorityChanged {
  return {
    type: 'TicketPriorityChanged',
    schemaVersion: CURRENT_SCHEMA_VERSION.TicketPriorityChanged,
    data: { ticketId: TICKET_ID, from, to },
    metadata: meta,
  };
}

export function assignTicket(
  assignee: Assignee | null,
  meta: EventMetadata = aStaffMember(),
): AssignTicket {
  return { type: 'AssignTicket', data: { ticketId: TICKET_ID, assignee }, metadata: meta };
}

export function changePriority(
  priority: TicketPriority,
  meta: EventMetadata = aStaffMember(),
): ChangeTicketPriority {
  return { type: 'ChangeTicketPriority', data: { ticketId: TICKET_ID, priority }, metadata: meta };
}

// ---------------------------------------------------------------------------------------------
// Internal notes
// ---------------------------------------------------------------------------------------------

export const NOTE_ID = 457;

export function noteAdded(
  data: Partial<InternalNoteAdded['data']> = {},
  meta: EventMetadata = aStaffMember(),
): InternalNoteAdded {
  return {
    type: 'InternalNoteAdded',
    schemaVersion: CURRENT_SCHEMA_VERSION.InternalNoteAdded,
    data: {
      ticketId: TICKET_ID,
      noteId: NOTE_ID,
      note: 'Customer is on the legacy plan.',
      ...data,
    },
    metadata: meta,
  };
}

export function addNote(
  data: Partial<AddInternalNote['data']> = {},
  meta: EventMetadata = aStaffMember(),
): AddInternalNote {
  return { type: 'AddInternalNote', data: { ...noteAdded().data, ...data }, metadata: meta };
}

export function noteAttachmentAdded(
  data: Partial<NoteAttachmentAdded['data']> = {},
  meta: EventMetadata = aStaffMember(),
): NoteAttachmentAdded {
  const { messageId: _messageId, ...file } = fileData();
  return {
    type: 'NoteAttachmentAdded',
    schemaVersion: CURRENT_SCHEMA_VERSION.NoteAttachmentAdded,
    data: { ...file, noteId: NOTE_ID, ...data },
    metadata: meta,
  };
}
