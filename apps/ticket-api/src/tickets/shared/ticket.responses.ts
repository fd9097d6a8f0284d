import type { TicketStatus } from '@app/domain';

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
