import type { TicketListFilter } from '@app/read-model';

export class ListTicketsQuery {
  constructor(readonly filter: TicketListFilter) {}
}
