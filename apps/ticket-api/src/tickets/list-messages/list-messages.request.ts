import { IsOptional, IsString } from 'class-validator';
import { AccountPageParams } from '../shared/page-query.params';

export class ListMessagesQueryParams extends AccountPageParams {
  /** olderMessages.cursor of the ticket or of the previous page. */
  @IsOptional()
  @IsString()
  before?: string;
}
