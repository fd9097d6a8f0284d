import { IsNotEmpty, IsString } from 'class-validator';
import { HttpConfig } from '@app/platform/config/common.config';
import { DEFAULT_READ_MODEL_SCHEMA, IsReadModelSchema } from '@app/read-model';
import { IntSetting } from '@app/platform/config/int-setting';

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
  @IntSetting(5 * MIB, 64 * MIB)
  S3_PART_SIZE: number = 5 * MIB;

  /** Uploads one instance streams at once; with S3_PART_SIZE it bounds upload memory. */
  @IntSetting(1)
  MAX_CONCURRENT_UPLOADS: number = 8;

  @IntSetting(1)
  UPLOAD_RETRY_AFTER_SECONDS: number = 1;

  /** An upload still streaming after this long is cut off, so the sweeper's grace always outlasts uploads. */
  @IntSetting(1_000)
  UPLOAD_TIMEOUT_MS: number = 10 * 60 * 1000;

  /** Objects (and unfinished multipart uploads) younger than this are never swept. */
  @IntSetting(0)
  ORPHAN_GRACE_MS: number = 60 * 60 * 1000;

  /** 0 turns the periodic sweep off. */
  @IntSetting(0)
  SWEEP_INTERVAL_MS: number = 15 * 60 * 1000;

  /** How long an Idempotency-Key and the response it answers with are kept, as in ticket-api. */
  @IntSetting(1)
  IDEMPOTENCY_TTL_HOURS: number = 24;

  @IsString()
  TICKET_EVENTS_TOPIC: string = 'ticket-events';
}

export const ATTACHMENT_SERVICE_CONFIG = Symbol('ATTACHMENT_SERVICE_CONFIG');
