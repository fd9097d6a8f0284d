import { Type } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { BooleanFromEnv, KafkaHttpConfig } from '@app/platform/config/common.config';

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

  /** Development and tests only: webhook URLs on this machine may be registered. */
  @IsBoolean()
  @BooleanFromEnv()
  WEBHOOK_ALLOW_LOOPBACK: boolean = false;
}

export const TICKET_API_CONFIG = Symbol('TICKET_API_CONFIG');
