import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import { LIMITS } from '../shared/text-limits';

export class ListMessagesQueryParams {
  @IsString()
  accountId!: string;

  /** olderMessages.cursor of the ticket or of the previous page. */
  @IsOptional()
  @IsString()
  before?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(LIMITS.pageSize, { message: `limit must be at most ${LIMITS.pageSize}` })
  limit?: number;
}
