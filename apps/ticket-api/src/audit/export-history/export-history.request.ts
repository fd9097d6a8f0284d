import { IsString } from 'class-validator';

export class ExportHistoryQueryParams {
  @IsString()
  accountId!: string;
}
