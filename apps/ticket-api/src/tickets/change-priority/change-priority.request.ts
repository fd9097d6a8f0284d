import { IsIn } from 'class-validator';
import { TICKET_PRIORITIES } from '@app/domain';
import type { TicketPriority } from '@app/domain';

export class ChangePriorityRequest {
  @IsIn(TICKET_PRIORITIES, { message: `priority must be one of ${TICKET_PRIORITIES.join(', ')}` })
  priority!: TicketPriority;
}
