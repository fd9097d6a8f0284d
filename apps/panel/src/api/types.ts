/** The shapes of the API's JSON, as /api/openapi.json describes them. */

export type Role = 'customer' | 'staff';
export type AuthorLabel = 'You' | 'Support Team';
export const TICKET_STATUSES = [
  'Open',
  'InProgress',
  'AwaitingCustomer',
  'Resolved',
  'Closed',
] as const;
export type TicketStatus = (typeof TICKET_STATUSES)[number];
/** What POST /status accepts; Resolved and Closed have their own routes. */
export const SETTABLE_STATUSES = ['Open', 'InProgress', 'AwaitingCustomer'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

export interface Me {
  role: Role;
  accountId: string | null;
  keyPrefix: string;
}

// the read model's response types, shared with the server (type-only: nothing of the server is bundled)
export type {
  AttachmentResponse as Attachment,
  MessagePage,
  MessageResponse as Message,
  OlderMessages,
  TicketResponse as Ticket,
  TicketSummaryResponse as TicketSummary,
} from '@app/read-model/ticket.responses';
import type {
  AttachmentResponse as Attachment,
  MessageResponse as Message,
  TicketSummaryResponse as TicketSummary,
} from '@app/read-model/ticket.responses';

export interface TicketPage {
  items: TicketSummary[];
  nextCursor: string | null;
}

export interface CreatedMessage extends Message {
  ticketVersion: number;
}

export interface UploadedAttachment extends Attachment {
  ticketVersion: number;
}

export interface TicketStatusChange {
  id: number;
  status: TicketStatus;
  resolvedAt: string | null;
  closedAt: string | null;
  version: number;
}

export interface OpenTicketRequest {
  subject: string;
  description: string;
  topic: string;
  propertyId?: string;
}

/** RFC 9457 problem details, as every error of the API is. */
export interface Problem {
  status: number;
  title: string;
  detail: string;
  code?: string;
  errors?: { field: string; messages: string[] }[];
}
