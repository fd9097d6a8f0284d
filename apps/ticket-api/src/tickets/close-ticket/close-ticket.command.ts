import type { RequestContext } from '@app/ticket-store';

export class CloseTicketCommand {
  constructor(
    readonly context: RequestContext,
    readonly ticketId: number,
  ) {}
}
