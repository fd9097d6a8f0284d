import type { RequestContext } from '@app/ticket-store';

export class AddMessageCommand {
  constructor(
    readonly context: RequestContext,
    readonly ticketId: number,
    readonly message: string,
  ) {}
}
