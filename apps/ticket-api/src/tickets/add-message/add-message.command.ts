import type { RequestContext } from '../shared/request-context';

export class AddMessageCommand {
  constructor(
    readonly context: RequestContext,
    readonly ticketId: number,
    readonly message: string,
  ) {}
}
