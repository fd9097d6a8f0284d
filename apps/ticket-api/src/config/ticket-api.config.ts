import { IsBoolean } from 'class-validator';
import { BooleanFromEnv, KafkaHttpConfig } from '@app/platform/config/common.config';
import { IntSetting } from '@app/platform/config/int-setting';
import { DEFAULT_READ_MODEL_SCHEMA, IsReadModelSchema } from '@app/read-model';
import { IsWebhookSecretKeys } from '@app/webhooks';
import { DEFAULT_WAIT_LIMITS } from '../waits/wait-limits';
import { DEV_AUDIT_SIGNING_KEYS, IsAuditSigningKeys } from '../audit/signing/audit-signing-keyring';

export class TicketApiConfig extends KafkaHttpConfig {
  @IntSetting(1, 10_000)
  OUTBOX_BATCH_SIZE: number = 500;

  @IntSetting(10)
  OUTBOX_POLL_INTERVAL_MS: number = 500;

  /** After a notification, the relay waits this long for more rows to publish with them (0: at once). */
  @IntSetting(0, 1_000)
  OUTBOX_LINGER_MS: number = 0;

  @IntSetting(1)
  IDEMPOTENCY_TTL_HOURS: number = 24;

  @IsReadModelSchema()
  READ_MODEL_SCHEMA: string = DEFAULT_READ_MODEL_SCHEMA;

  /** Change-feed long-polls (wait > 0 with nothing to answer yet) one API key may hold at once per instance. */
  @IntSetting(1, 10_000)
  FEED_WAITS_PER_KEY: number = DEFAULT_WAIT_LIMITS.feed.perKey;

  /** Change-feed long-polls every key together may hold at once per instance. */
  @IntSetting(1, 100_000)
  FEED_WAITS_PER_INSTANCE: number = DEFAULT_WAIT_LIMITS.feed.perInstance;

  /** minVersion reads waiting for the read model that one API key may hold at once per instance. */
  @IntSetting(1, 10_000)
  MIN_VERSION_WAITS_PER_KEY: number = DEFAULT_WAIT_LIMITS.minVersion.perKey;

  /** minVersion reads waiting for the read model, every key together, per instance. */
  @IntSetting(1, 100_000)
  MIN_VERSION_WAITS_PER_INSTANCE: number = DEFAULT_WAIT_LIMITS.minVersion.perInstance;

  /** Development and tests only: webhook URLs on this machine may be registered. */
  @IsBoolean()
  @BooleanFromEnv()
  WEBHOOK_ALLOW_LOOPBACK: boolean = false;

  /** Endpoints one account may register; beyond it 409 WEBHOOK_LIMIT_REACHED. */
  @IntSetting(1, 1_000)
  WEBHOOK_MAX_ENDPOINTS_PER_ACCOUNT: number = 10;

  /** How often one instance records the audit checkpoint: the head of every stream changed since the last. */
  @IntSetting(1_000, 86_400_000)
  AUDIT_CHECKPOINT_INTERVAL_MS: number = 60_000;

  /** Ed25519 keys of history exports, the signing one first: `id:base64 seed[,id:public:base64 key...]`. */
  @IsAuditSigningKeys()
  AUDIT_SIGNING_KEYS: string = DEV_AUDIT_SIGNING_KEYS;

  /** `id:base64 key[,id:base64 key...]`: seals new webhook secrets with the first, opens with any. */
  @IsWebhookSecretKeys()
  WEBHOOK_SECRET_KEYS!: string;
}

export const TICKET_API_CONFIG = Symbol('TICKET_API_CONFIG');
