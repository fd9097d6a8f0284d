import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { KafkaHttpConfig } from '@app/platform/config/common.config';
import { DEFAULT_READ_MODEL_SCHEMA, IsReadModelSchema } from '@app/read-model';

export class TicketApiConfig extends KafkaHttpConfig {
  @IsInt()
  @Min(1)
  @Max(10_000)
  @Type(() => Number)
  OUTBOX_BATCH_SIZE: number = 500;

  @IsInt()
  @Min(10)
  @Type(() => Number)
  OUTBOX_POLL_INTERVAL_MS: number = 500;

  @IsInt()
  @Min(1)
  @Type(() => Number)
  IDEMPOTENCY_TTL_HOURS: number = 24;

  @IsReadModelSchema()
  READ_MODEL_SCHEMA: string = DEFAULT_READ_MODEL_SCHEMA;
}

export const TICKET_API_CONFIG = Symbol('TICKET_API_CONFIG');
