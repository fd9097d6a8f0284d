import type { RequestContext } from '@app/ticket-store';
import type { AssignTicketRequest } from './assign-ticket.request';

export class AssignTicketCommand {
  constructor(
    readonly context: RequestContext,
    readonly ticketId: number,
    readonly request: AssignTicketRequest,
  ) {}
}
