import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Min } from 'class-validator';
import { HttpConfig } from '@app/platform/config/common.config';

export class AttachmentServiceConfig extends HttpConfig {
  @IsString()
  @IsNotEmpty()
  S3_ENDPOINT!: string;

  @IsString()
  @IsNotEmpty()
  S3_ACCESS_KEY!: string;

  @IsString()
  @IsNotEmpty()
  S3_SECRET_KEY!: string;

  @IsString()
  S3_BUCKET: string = 'tickets';

  @IsString()
  S3_REGION: string = 'us-east-1';

  @IsInt()
  @Min(1)
  @Type(() => Number)
  MAX_CONCURRENT_UPLOADS: number = 8;
}

export const ATTACHMENT_SERVICE_CONFIG = Symbol('ATTACHMENT_SERVICE_CONFIG');
