import type { TicketPriority } from '@app/domain';
import type { RequestContext } from '@app/ticket-store';

export class ChangePriorityCommand {
  constructor(
    readonly context: RequestContext,
    readonly ticketId: number,
    readonly priority: TicketPriority,
  ) {}
}
