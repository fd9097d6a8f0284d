import type { RequestContext } from '../shared/request-context';

export class ResolveTicketCommand {
  constructor(
    readonly context: RequestContext,
    readonly ticketId: number,
  ) {}
}
