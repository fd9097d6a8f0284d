import { IsIn } from 'class-validator';
import { WORKFLOW_STATUSES } from '@app/domain';
import type { WorkflowStatus } from '@app/domain';

export class ChangeStatusRequest {
  @IsIn(WORKFLOW_STATUSES, { message: `status must be one of ${WORKFLOW_STATUSES.join(', ')}` })
  status!: WorkflowStatus;
}
