import type { WorkflowStatus } from '@app/domain';
import type { RequestContext } from '@app/ticket-store';

export class ChangeStatusCommand {
  constructor(
    readonly context: RequestContext,
    readonly ticketId: number,
    readonly status: WorkflowStatus,
  ) {}
}
