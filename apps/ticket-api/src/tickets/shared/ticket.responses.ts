import type { ActorRole, AuthorLabel, TicketStatus } from '@app/domain';
import type { AttachmentResponse } from '@app/ticket-store';

export { authorLabel } from '@app/domain';
export type { AttachmentResponse };

export interface MessageResponse {
  id: number;
  ticketId: number;
  message: string;
  authorType: ActorRole;
  authorLabel: AuthorLabel;
  createdAt: string;
  attachments: AttachmentResponse[];
}

export interface TicketResponse {
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
  attachments: AttachmentResponse[];
  messages: MessageResponse[];
}

/** The answer to a status command (close, resolve, status change): where the ticket now stands. */
export interface TicketStatusResponse {
  id: number;
  status: TicketStatus;
  resolvedAt: string | null;
  closedAt: string | null;
  version: number;
}

export const ticketLocation = (ticketId: number, accountId: string): string =>
  `/api/Ticket/${ticketId}?accountId=${encodeURIComponent(accountId)}`;

export const statusResponse = (
  ticket: { id: number; status: TicketStatus; resolvedAt: string | null; closedAt: string | null },
  version: number,
): TicketStatusResponse => ({
  id: ticket.id,
  status: ticket.status,
  resolvedAt: ticket.resolvedAt,
  closedAt: ticket.closedAt,
  version,
});
