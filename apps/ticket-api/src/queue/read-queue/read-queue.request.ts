import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { LIMITS } from '../../tickets/shared/text-limits';
import { QUEUE_CURSOR_PATTERN } from '../queue-cursor';
import { QUEUE_VIEW_PATTERN } from '../queue-views';

export class ReadQueueQueryParams {
  @IsOptional()
  @Matches(new RegExp(QUEUE_VIEW_PATTERN), {
    message: 'view must be open, unassigned, mine, awaiting-staff or group:<name>',
  })
  view?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LIMITS.pageSize, { message: `limit must be at most ${LIMITS.pageSize}` })
  limit?: number;

  @IsOptional()
  @Matches(new RegExp(QUEUE_CURSOR_PATTERN), { message: 'cursor is not valid' })
  cursor?: string;
}
