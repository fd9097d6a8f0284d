import type { Assignee, TicketPriority, TicketStatus } from '@app/domain';

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

/** The answer to assign and priority (staff only): whom the ticket is assigned to and how urgent it is. */
export interface TicketTriageResponse {
  id: number;
  status: TicketStatus;
  priority: TicketPriority;
  assignee: Assignee | null;
  version: number;
}

export const triageResponse = (
  ticket: { id: number; status: TicketStatus; priority: TicketPriority; assignee: Assignee | null },
  version: number,
): TicketTriageResponse => ({
  id: ticket.id,
  status: ticket.status,
  priority: ticket.priority,
  assignee: ticket.assignee,
  version,
});
