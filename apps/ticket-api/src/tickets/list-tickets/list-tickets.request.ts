import { IsISO8601, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { TICKET_STATUSES } from '@app/domain';
import type { TicketStatus } from '@app/domain';
import { PageQueryParams } from '../shared/page-query.params';
import { LIMITS } from '../shared/text-limits';
import { SingleLineText } from '@app/platform/http/text.validators';

export class ListTicketsQueryParams extends PageQueryParams {
  @IsOptional()
  @IsIn(TICKET_STATUSES, { message: `status must be one of ${TICKET_STATUSES.join(', ')}` })
  status?: TicketStatus;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.topic)
  @SingleLineText('topic')
  topic?: string;

  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'updatedSince must be an ISO 8601 date-time' })
  updatedSince?: string;
}
