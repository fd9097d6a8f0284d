import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { LIMITS } from './text-limits';

/** accountId, an opaque cursor and a bounded page size: what every paginated route takes. */
export class PageQueryParams {
  @IsString()
  accountId!: string;

  @IsOptional()
  @Matches(/^[a-z][1-9][0-9]{0,14}$/, { message: 'cursor is not valid' })
  cursor?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LIMITS.pageSize, { message: `limit must be at most ${LIMITS.pageSize}` })
  limit?: number;
}
