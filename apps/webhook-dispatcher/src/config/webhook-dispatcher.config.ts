import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsString, Max, Min } from 'class-validator';
import { BooleanFromEnv, KafkaHttpConfig } from '@app/platform/config/common.config';

export class WebhookDispatcherConfig extends KafkaHttpConfig {
  @IsString()
  WEBHOOK_DISPATCHER_GROUP_ID: string = 'webhook-dispatcher';

  /** Development and tests only: deliver to receivers on this machine. */
  @IsBoolean()
  @BooleanFromEnv()
  WEBHOOK_ALLOW_LOOPBACK: boolean = false;

  /** A receiver that has not answered in full by then has failed this attempt. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  @Type(() => Number)
  WEBHOOK_TIMEOUT_MS: number = 10_000;

  /** Bytes of a receiver's answer read at most; the rest is dropped. */
  @IsInt()
  @Min(0)
  @Max(1_048_576)
  @Type(() => Number)
  WEBHOOK_MAX_RESPONSE_BYTES: number = 4_096;

  @IsInt()
  @Min(10)
  @Type(() => Number)
  WEBHOOK_RETRY_BASE_MS: number = 5_000;

  @IsInt()
  @Min(10)
  @Type(() => Number)
  WEBHOOK_RETRY_MAX_MS: number = 3_600_000;

  /** After this long failing, a delivery gives up and its endpoint is disabled. */
  @IsInt()
  @Min(1)
  @Type(() => Number)
  WEBHOOK_RETRY_WINDOW_MS: number = 24 * 3_600_000;

  @IsInt()
  @Min(1)
  @Max(256)
  @Type(() => Number)
  WEBHOOK_CONCURRENCY: number = 16;

  /** Due retries are picked up this often; new events are sent at once. */
  @IsInt()
  @Min(10)
  @Type(() => Number)
  WEBHOOK_POLL_INTERVAL_MS: number = 500;

  @IsInt()
  @Min(6_000)
  @Type(() => Number)
  WEBHOOK_SESSION_TIMEOUT_MS: number = 30_000;
}

export const WEBHOOK_DISPATCHER_CONFIG = Symbol('WEBHOOK_DISPATCHER_CONFIG');

/** Read at import: Nest's @EventPattern takes the topic when the decorator runs. */
export const TICKET_EVENTS_TOPIC_NAME = process.env.TICKET_EVENTS_TOPIC ?? 'ticket-events';
