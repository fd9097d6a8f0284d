import type { PublicEvent } from '@app/event-feed';

export interface TicketHistoryPage {
  ticketId: number;
  items: PublicEvent[];
  nextCursor: string | null;
}
