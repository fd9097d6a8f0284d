import { IsBoolean, IsString } from 'class-validator';
import { BooleanFromEnv, KafkaHttpConfig } from '@app/platform/config/common.config';
import { IntSetting } from '@app/platform/config/int-setting';
import { IsWebhookSecretKeys } from '@app/webhooks';

export class WebhookDispatcherConfig extends KafkaHttpConfig {
  @IsString()
  WEBHOOK_DISPATCHER_GROUP_ID: string = 'webhook-dispatcher';

  /** Development and tests only: deliver to receivers on this machine. */
  @IsBoolean()
  @BooleanFromEnv()
  WEBHOOK_ALLOW_LOOPBACK: boolean = false;

  /** A receiver that has not answered in full by then has failed this attempt. */
  @IntSetting(100, 60_000)
  WEBHOOK_TIMEOUT_MS: number = 10_000;

  /** Bytes of a receiver's answer read at most; the rest is dropped. */
  @IntSetting(0, 1_048_576)
  WEBHOOK_MAX_RESPONSE_BYTES: number = 4_096;

  @IntSetting(10)
  WEBHOOK_RETRY_BASE_MS: number = 5_000;

  @IntSetting(10)
  WEBHOOK_RETRY_MAX_MS: number = 3_600_000;

  /** After this long failing, a delivery gives up and its endpoint is disabled. */
  @IntSetting(1)
  WEBHOOK_RETRY_WINDOW_MS: number = 24 * 3_600_000;

  @IntSetting(1, 256)
  WEBHOOK_CONCURRENCY: number = 16;

  /** Due deliveries of one account claimed per round at most: the other accounts' go in the same round. */
  @IntSetting(1, 256)
  WEBHOOK_CLAIM_PER_ACCOUNT: number = 4;

  /** `id:base64 key[,id:base64 key...]`: opens the endpoints' sealed secrets (the first is current). */
  @IsWebhookSecretKeys()
  WEBHOOK_SECRET_KEYS!: string;

  /** Due retries are picked up this often; new events are sent at once. */
  @IntSetting(10)
  WEBHOOK_POLL_INTERVAL_MS: number = 500;

  @IntSetting(6_000)
  WEBHOOK_SESSION_TIMEOUT_MS: number = 30_000;
}

export const WEBHOOK_DISPATCHER_CONFIG = Symbol('WEBHOOK_DISPATCHER_CONFIG');

/** Read at import: Nest's @EventPattern takes the topic when the decorator runs. */
export const TICKET_EVENTS_TOPIC_NAME = process.env.TICKET_EVENTS_TOPIC ?? 'ticket-events';
