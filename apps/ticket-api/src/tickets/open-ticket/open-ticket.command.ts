import type { RequestContext } from '../shared/request-context';
import type { OpenTicketRequest } from './open-ticket.request';

export class OpenTicketCommand {
  constructor(
    readonly context: RequestContext,
    readonly request: OpenTicketRequest,
  ) {}
}
