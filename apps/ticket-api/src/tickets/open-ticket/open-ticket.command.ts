import type { RequestContext } from '@app/ticket-store';
import type { OpenTicketRequest } from './open-ticket.request';

export class OpenTicketCommand {
  constructor(
    readonly context: RequestContext,
    readonly request: OpenTicketRequest,
  ) {}
}
