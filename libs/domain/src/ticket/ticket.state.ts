import { GrowOnlyIdSet } from '../shared/grow-only-id-set';
import type { TicketEvent } from './ticket.events';
import { DEFAULT_PRIORITY } from './ticket-priority';
import type { Assignee, TicketPriority } from './ticket-priority';
import type { TicketStatus } from './ticket-status';

export interface EmptyTicket {
  readonly kind: 'Empty';
}

export interface ExistingTicket {
  readonly kind: 'Existing';
  readonly id: number;
  readonly accountId: string;
  readonly status: TicketStatus;
  readonly resolvedAt: string | null;
  readonly closedAt: string | null;
  readonly priority: TicketPriority;
  readonly assignee: Assignee | null;
  readonly messageIds: GrowOnlyIdSet;
  /** The highest id in the thread (messages and notes): it reads in id order, so a new item's id is above it. */
  readonly lastMessageId: number;
  readonly noteIds: GrowOnlyIdSet;
  readonly attachmentIds: GrowOnlyIdSet;
  readonly noteAttachmentIds: GrowOnlyIdSet;
}

export type Ticket = EmptyTicket | ExistingTicket;

export const initialTicket = (): Ticket => ({ kind: 'Empty' });

export function evolve(state: Ticket, event: TicketEvent): Ticket {
  if (event.type === 'TicketOpened') {
    return {
      kind: 'Existing',
      id: event.data.ticketId,
      accountId: event.data.accountId,
      status: 'Open',
      resolvedAt: null,
      closedAt: null,
      priority: DEFAULT_PRIORITY,
      assignee: null,
      messageIds: GrowOnlyIdSet.empty(),
      lastMessageId: 0,
      noteIds: GrowOnlyIdSet.empty(),
      attachmentIds: GrowOnlyIdSet.empty(),
      noteAttachmentIds: GrowOnlyIdSet.empty(),
    };
  }
  if (state.kind === 'Empty') return state;
  switch (event.type) {
    case 'MessageAdded':
      return {
        ...state,
        messageIds: state.messageIds.with(event.data.messageId),
        lastMessageId: Math.max(state.lastMessageId, event.data.messageId),
      };
    case 'InternalNoteAdded':
      return {
        ...state,
        noteIds: state.noteIds.with(event.data.noteId),
        lastMessageId: Math.max(state.lastMessageId, event.data.noteId),
      };
    case 'NoteAttachmentAdded':
      return { ...state, noteAttachmentIds: state.noteAttachmentIds.with(event.data.attachmentId) };
    case 'AttachmentAdded':
      return { ...state, attachmentIds: state.attachmentIds.with(event.data.attachmentId) };
    case 'TicketReopened':
      return { ...state, status: 'Open', resolvedAt: null };
    case 'TicketResolved':
      return { ...state, status: 'Resolved', resolvedAt: event.metadata.occurredAt };
    case 'TicketStatusChanged':
      return { ...state, status: event.data.to };
    case 'TicketClosed':
      return { ...state, status: 'Closed', closedAt: event.metadata.occurredAt };
    case 'TicketAssigned':
      return { ...state, assignee: event.data.assignee };
    case 'TicketPriorityChanged':
      return { ...state, priority: event.data.to };
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

export const fold = (events: readonly TicketEvent[], from: Ticket = initialTicket()): Ticket =>
  events.reduce(evolve, from);
