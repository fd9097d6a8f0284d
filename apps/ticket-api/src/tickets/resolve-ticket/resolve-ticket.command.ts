import type { RequestContext } from '@app/ticket-store';

export class ResolveTicketCommand {
  constructor(
    readonly context: RequestContext,
    readonly ticketId: number,
  ) {}
}
