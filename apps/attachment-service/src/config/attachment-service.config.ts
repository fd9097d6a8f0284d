import { Type } from 'class-transformer';
import { IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';
import { HttpConfig } from '@app/platform/config/common.config';
import { DEFAULT_READ_MODEL_SCHEMA, IsReadModelSchema } from '@app/read-model';

const MIB = 1024 * 1024;

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

  @IsReadModelSchema()
  READ_MODEL_SCHEMA: string = DEFAULT_READ_MODEL_SCHEMA;

  /** Bytes buffered per upload before a part goes to S3; S3's minimum part size is 5 MiB. */
  @IsInt()
  @Min(5 * MIB)
  @Max(64 * MIB)
  @Type(() => Number)
  S3_PART_SIZE: number = 5 * MIB;

  /** Uploads one instance streams at once; with S3_PART_SIZE it bounds upload memory. */
  @IsInt()
  @Min(1)
  @Type(() => Number)
  MAX_CONCURRENT_UPLOADS: number = 8;

  @IsInt()
  @Min(1)
  @Type(() => Number)
  UPLOAD_RETRY_AFTER_SECONDS: number = 1;

  /** An upload still streaming after this long is cut off, so the sweeper's grace always outlasts uploads. */
  @IsInt()
  @Min(1_000)
  @Type(() => Number)
  UPLOAD_TIMEOUT_MS: number = 10 * 60 * 1000;

  /** Objects (and unfinished multipart uploads) younger than this are never swept. */
  @IsInt()
  @Min(0)
  @Type(() => Number)
  ORPHAN_GRACE_MS: number = 60 * 60 * 1000;

  /** 0 turns the periodic sweep off. */
  @IsInt()
  @Min(0)
  @Type(() => Number)
  SWEEP_INTERVAL_MS: number = 15 * 60 * 1000;

  /** How long an Idempotency-Key and the response it answers with are kept, as in ticket-api. */
  @IsInt()
  @Min(1)
  @Type(() => Number)
  IDEMPOTENCY_TTL_HOURS: number = 24;

  @IsString()
  TICKET_EVENTS_TOPIC: string = 'ticket-events';
}

export const ATTACHMENT_SERVICE_CONFIG = Symbol('ATTACHMENT_SERVICE_CONFIG');
