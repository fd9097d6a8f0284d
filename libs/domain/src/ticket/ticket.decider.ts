import type { CommandMetadata } from '../shared/event-metadata';
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
  TicketCommand,
} from './ticket.commands';
import { TicketErrors } from './ticket.errors';
import type { TicketEvent } from './ticket.events';
import { CURRENT_SCHEMA_VERSION } from './ticket.events';
import { TICKET_LIMITS } from './ticket.limits';
import type { ExistingTicket, Ticket } from './ticket.state';
import { sameAssignee, TICKET_PRIORITIES } from './ticket-priority';
import { canTransition, WORKFLOW_STATUSES } from './ticket-status';

export function decide(command: TicketCommand, state: Ticket): TicketEvent[] {
  if (command.type === 'OpenTicket') return openTicket(command, state);
  if (state.kind === 'Empty') throw TicketErrors.notFound(command.data.ticketId);
  switch (command.type) {
    case 'AddMessage':
      return addMessage(command, state);
    case 'ResolveTicket':
      return resolveTicket(command, state);
    case 'CloseTicket':
      return closeTicket(command, state);
    case 'ChangeTicketStatus':
      return changeStatus(command, state);
    case 'AddAttachment':
      return addAttachment(command, state);
    case 'AssignTicket':
      return assignTicket(command, state);
    case 'ChangeTicketPriority':
      return changePriority(command, state);
    case 'AddInternalNote':
      return addInternalNote(command, state);
    default: {
      const unhandled: never = command;
      return unhandled;
    }
  }
}

function event<E extends TicketEvent>(
  type: E['type'],
  data: E['data'],
  metadata: CommandMetadata,
): TicketEvent {
  return { type, schemaVersion: CURRENT_SCHEMA_VERSION[type], data, metadata } as TicketEvent;
}

function openTicket(command: OpenTicket, state: Ticket): TicketEvent[] {
  if (state.kind === 'Existing') throw TicketErrors.alreadyExists(command.data.ticketId);
  return [event('TicketOpened', { ...command.data }, command.metadata)];
}

function addMessage(command: AddMessage, state: ExistingTicket): TicketEvent[] {
  if (state.status === 'Closed') throw TicketErrors.closed();
  const message = command.data.message.trim();
  if (message.length === 0) throw TicketErrors.messageRequired();
  if (state.messageIds.size >= TICKET_LIMITS.messages) {
    throw TicketErrors.messageLimitReached(TICKET_LIMITS.messages);
  }
  const { ticketId, messageId } = command.data;
  if (messageId <= state.lastMessageId) {
    throw TicketErrors.messageIdOutOfOrder(messageId, state.lastMessageId);
  }
  const authorType = command.metadata.actor.role;
  const added = event(
    'MessageAdded',
    { ticketId, messageId, message: command.data.message, authorType },
    command.metadata,
  );
  if (authorType !== 'customer') return [added];
  if (state.status === 'Resolved') {
    return [
      added,
      event('TicketReopened', { ticketId, reason: 'customer-reply' }, command.metadata),
    ];
  }
  if (state.status === 'AwaitingCustomer') {
    const changed = event(
      'TicketStatusChanged',
      { ticketId, from: state.status, to: 'Open' },
      command.metadata,
    );
    return [added, changed];
  }
  return [added];
}

function resolveTicket(command: ResolveTicket, state: ExistingTicket): TicketEvent[] {
  if (command.metadata.actor.role !== 'staff') throw TicketErrors.staffOnly('resolve a ticket');
  if (state.status === 'Closed') throw TicketErrors.closed();
  if (!canTransition(state.status, 'Resolved')) {
    throw TicketErrors.invalidTransition(state.status, 'Resolved');
  }
  return [event('TicketResolved', { ticketId: command.data.ticketId }, command.metadata)];
}

function closeTicket(command: CloseTicket, state: ExistingTicket): TicketEvent[] {
  if (state.status === 'Closed') throw TicketErrors.alreadyClosed();
  return [event('TicketClosed', { ticketId: command.data.ticketId }, command.metadata)];
}

function changeStatus(command: ChangeTicketStatus, state: ExistingTicket): TicketEvent[] {
  if (command.metadata.actor.role !== 'staff') throw TicketErrors.staffOnly('change the status');
  if (state.status === 'Closed') throw TicketErrors.closed();
  const { ticketId, status: to } = command.data;
  if (!WORKFLOW_STATUSES.includes(to) || !canTransition(state.status, to)) {
    throw TicketErrors.invalidTransition(state.status, to);
  }
  if (state.status === 'Resolved') {
    return [event('TicketReopened', { ticketId, reason: 'staff' }, command.metadata)];
  }
  return [event('TicketStatusChanged', { ticketId, from: state.status, to }, command.metadata)];
}

function addAttachment(command: AddAttachment, state: ExistingTicket): TicketEvent[] {
  const noteId = command.data.noteId ?? null;
  if (noteId !== null) return addNoteAttachment(command, noteId, state);
  if (state.status === 'Closed') throw TicketErrors.closed();
  if (state.attachmentIds.size >= TICKET_LIMITS.attachments) {
    throw TicketErrors.attachmentLimitReached(TICKET_LIMITS.attachments);
  }
  const messageId: number | null = command.data.messageId;
  if (messageId !== null && !state.messageIds.has(messageId)) {
    throw TicketErrors.messageNotFound(messageId);
  }
  const { noteId: _noteId, ...data } = command.data;
  return [
    event(
      'AttachmentAdded',
      { ...data, uploadedBy: command.metadata.actor.role },
      command.metadata,
    ),
  ];
}

/** A file on an internal note: staff only, whether or not the note exists, so a customer learns nothing. */
function addNoteAttachment(
  command: AddAttachment,
  noteId: number,
  state: ExistingTicket,
): TicketEvent[] {
  if (command.metadata.actor.role !== 'staff') throw TicketErrors.staffOnly('attach to a note');
  if (state.status === 'Closed') throw TicketErrors.closed();
  if (command.data.messageId !== null) throw TicketErrors.messageNotFound(command.data.messageId);
  if (state.noteAttachmentIds.size >= TICKET_LIMITS.noteAttachments) {
    throw TicketErrors.attachmentLimitReached(TICKET_LIMITS.noteAttachments);
  }
  if (!state.noteIds.has(noteId)) throw TicketErrors.noteNotFound(noteId);
  const { messageId: _messageId, ...data } = command.data;
  return [event('NoteAttachmentAdded', { ...data, noteId }, command.metadata)];
}

/** Assigning to whom the ticket already has changes nothing: no event, the same version. */
function assignTicket(command: AssignTicket, state: ExistingTicket): TicketEvent[] {
  if (command.metadata.actor.role !== 'staff') throw TicketErrors.staffOnly('assign a ticket');
  if (state.status === 'Closed') throw TicketErrors.closed();
  const { ticketId, assignee } = command.data;
  if (sameAssignee(state.assignee, assignee)) return [];
  return [event('TicketAssigned', { ticketId, assignee }, command.metadata)];
}

/** The priority the ticket already has changes nothing: no event, the same version. */
function changePriority(command: ChangeTicketPriority, state: ExistingTicket): TicketEvent[] {
  if (command.metadata.actor.role !== 'staff') throw TicketErrors.staffOnly('change the priority');
  if (state.status === 'Closed') throw TicketErrors.closed();
  const { ticketId, priority: to } = command.data;
  if (!TICKET_PRIORITIES.includes(to)) throw TicketErrors.invalidPriority(to);
  if (state.priority === to) return [];
  return [event('TicketPriorityChanged', { ticketId, from: state.priority, to }, command.metadata)];
}

/** A note changes nothing a customer sees: no status change, whatever the status (Closed aside). */
function addInternalNote(command: AddInternalNote, state: ExistingTicket): TicketEvent[] {
  if (command.metadata.actor.role !== 'staff') throw TicketErrors.staffOnly('add an internal note');
  if (state.status === 'Closed') throw TicketErrors.closed();
  if (command.data.note.trim().length === 0) throw TicketErrors.noteRequired();
  if (state.noteIds.size >= TICKET_LIMITS.notes)
    throw TicketErrors.noteLimitReached(TICKET_LIMITS.notes);
  if (command.data.noteId <= state.lastMessageId) {
    throw TicketErrors.messageIdOutOfOrder(command.data.noteId, state.lastMessageId);
  }
  return [event('InternalNoteAdded', { ...command.data }, command.metadata)];
}
