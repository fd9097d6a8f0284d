import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { TICKET_STATUSES } from '@app/domain';
import type { TicketStatus } from '@app/domain';
import { LIMITS } from '../shared/text-limits';

export class ListTicketsQueryParams {
  @IsString()
  accountId!: string;

  @IsOptional()
  @IsIn(TICKET_STATUSES, { message: `status must be one of ${TICKET_STATUSES.join(', ')}` })
  status?: TicketStatus;

  @IsOptional()
  @IsString()
  @MaxLength(LIMITS.topic)
  topic?: string;

  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,32}$/, { message: 'cursor is not valid' })
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LIMITS.pageSize, { message: `limit must be at most ${LIMITS.pageSize}` })
  limit?: number;
}
