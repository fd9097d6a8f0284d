import { KafkaHttpConfig } from '@app/platform/config/common.config';
import { DEFAULT_READ_MODEL_SCHEMA, IsReadModelSchema } from '@app/read-model';
import { IntSetting } from '@app/platform/config/int-setting';

export class TicketApiConfig extends KafkaHttpConfig {
  @IntSetting(1, 10_000)
  OUTBOX_BATCH_SIZE: number = 500;

  @IntSetting(10)
  OUTBOX_POLL_INTERVAL_MS: number = 500;

  @IntSetting(1)
  IDEMPOTENCY_TTL_HOURS: number = 24;

  @IsReadModelSchema()
  READ_MODEL_SCHEMA: string = DEFAULT_READ_MODEL_SCHEMA;
}

export const TICKET_API_CONFIG = Symbol('TICKET_API_CONFIG');
