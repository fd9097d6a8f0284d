import type { TicketListFilter } from '../shared/ticket-read-model';

export class ListTicketsQuery {
  constructor(readonly filter: TicketListFilter) {}
}
