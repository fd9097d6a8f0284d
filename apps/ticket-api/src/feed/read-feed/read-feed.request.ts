import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { TICKET_EVENT_TYPES } from '@app/domain';

export const FEED_MAX_PAGE = 500;
export const FEED_MAX_WAIT_SECONDS = 30;

const TYPE = `(${TICKET_EVENT_TYPES.join('|')})`;
export const EVENT_TYPE_LIST = new RegExp(`^${TYPE}(,${TYPE})*$`);
export const FEED_CURSOR = /^(now|[A-Za-z0-9_-]{1,64})$/;

export class ReadFeedQueryParams {
  @IsString()
  accountId!: string;

  @IsOptional()
  @Matches(FEED_CURSOR, { message: 'after is not valid' })
  after?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(FEED_MAX_PAGE, { message: `limit must be at most ${FEED_MAX_PAGE}` })
  limit?: number;

  @IsOptional()
  @Matches(EVENT_TYPE_LIST, {
    message: `types must be a comma-separated list of ${TICKET_EVENT_TYPES.join(', ')}`,
  })
  types?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(FEED_MAX_WAIT_SECONDS, { message: `wait must be at most ${FEED_MAX_WAIT_SECONDS}` })
  wait?: number;
}
