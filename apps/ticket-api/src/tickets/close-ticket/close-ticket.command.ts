import type { RequestContext } from '../shared/request-context';

export class CloseTicketCommand {
  constructor(
    readonly context: RequestContext,
    readonly ticketId: number,
  ) {}
}
