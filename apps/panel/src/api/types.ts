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

export interface Attachment {
  id: number;
  ticketId: number;
  messageId: number | null;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
  uploadedBy: Role;
  uploadedByLabel: AuthorLabel;
  createdAt: string;
}

export interface Message {
  id: number;
  ticketId: number;
  message: string;
  authorType: Role;
  authorLabel: AuthorLabel;
  createdAt: string;
  attachments: Attachment[];
}

interface TicketFields {
  id: number;
  accountId: string;
  subject: string;
  description: string;
  topic: string;
  propertyId: string | null;
  status: TicketStatus;
  createdAt: string;
  updatedAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  version: number;
}

export interface Ticket extends TicketFields {
  attachments: Attachment[];
  messages: Message[];
}

export interface TicketSummary extends TicketFields {
  messageCount: number;
}

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
