import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { LIMITS } from './text-limits';

/** accountId and a bounded page size: what every paginated route takes, whatever its cursor. */
export class AccountPageParams {
  @IsString()
  accountId!: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LIMITS.pageSize, { message: `limit must be at most ${LIMITS.pageSize}` })
  limit?: number;
}

/** With an opaque cursor. */
export class PageQueryParams extends AccountPageParams {
  @IsOptional()
  @Matches(/^[a-z][1-9][0-9]{0,14}$/, { message: 'cursor is not valid' })
  cursor?: string;
}
