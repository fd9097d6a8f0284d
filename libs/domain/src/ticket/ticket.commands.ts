import type { CommandMetadata } from '../shared/event-metadata';
import type { Assignee, TicketPriority } from './ticket-priority';
import type { WorkflowStatus } from './ticket-status';

interface Command<Type extends string, Data> {
  readonly type: Type;
  readonly data: Readonly<Data>;
  readonly metadata: CommandMetadata;
}

export type OpenTicket = Command<
  'OpenTicket',
  {
    ticketId: number;
    accountId: string;
    subject: string;
    description: string;
    topic: string;
    propertyId: string | null;
  }
>;

export type AddMessage = Command<
  'AddMessage',
  { ticketId: number; messageId: number; message: string }
>;

export type ResolveTicket = Command<'ResolveTicket', { ticketId: number }>;

export type CloseTicket = Command<'CloseTicket', { ticketId: number }>;

export type ChangeTicketStatus = Command<
  'ChangeTicketStatus',
  { ticketId: number; status: WorkflowStatus }
>;

export type AddAttachment = Command<
  'AddAttachment',
  {
    ticketId: number;
    attachmentId: number;
    messageId: number | null;
    /** The internal note the file belongs to (staff only); at most one of messageId and noteId. */
    noteId: number | null;
    fileName: string;
    contentType: string;
    size: number;
    sha256: string;
    objectKey: string;
  }
>;

export type AssignTicket = Command<'AssignTicket', { ticketId: number; assignee: Assignee | null }>;

export type ChangeTicketPriority = Command<
  'ChangeTicketPriority',
  { ticketId: number; priority: TicketPriority }
>;

export type AddInternalNote = Command<
  'AddInternalNote',
  { ticketId: number; noteId: number; note: string }
>;

export type TicketCommand =
  | OpenTicket
  | AddMessage
  | ResolveTicket
  | CloseTicket
  | ChangeTicketStatus
  | AddAttachment
  | AssignTicket
  | ChangeTicketPriority
  | AddInternalNote;
