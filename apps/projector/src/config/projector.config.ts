import { IsString } from 'class-validator';
import { KafkaHttpConfig } from '@app/platform/config/common.config';
import { DEFAULT_READ_MODEL_SCHEMA, IsReadModelSchema } from '@app/read-model';
import { IntSetting } from '@app/platform/config/int-setting';

export class ProjectorConfig extends KafkaHttpConfig {
  @IsString()
  PROJECTOR_GROUP_ID: string = 'ticket-projector';

  /** The schema the read model tables live in; another one gives an independent read model. */
  @IsReadModelSchema()
  READ_MODEL_SCHEMA: string = DEFAULT_READ_MODEL_SCHEMA;

  @IntSetting(100)
  PROJECTOR_RETRY_DELAY_MS: number = 1_000;

  /** Failures that are neither the database being away nor a bad event: retried this often, then dead-lettered. */
  @IntSetting(1)
  PROJECTOR_MAX_ATTEMPTS: number = 5;

  /** As many as the topic's default partitions: each waits on its own database round trips. */
  @IntSetting(1, 64)
  PROJECTOR_PARTITIONS_CONCURRENTLY: number = 6;

  /** How long the group waits for a silent member (a killed replica) before moving its partitions. */
  @IntSetting(6_000)
  PROJECTOR_SESSION_TIMEOUT_MS: number = 30_000;

  @IntSetting(100)
  PROJECTOR_LAG_SAMPLE_MS: number = 1_000;
}

export const PROJECTOR_CONFIG = Symbol('PROJECTOR_CONFIG');

/** Read at import: Nest's @EventPattern takes the topic when the decorator runs. */
export const TICKET_EVENTS_TOPIC_NAME = process.env.TICKET_EVENTS_TOPIC ?? 'ticket-events';
