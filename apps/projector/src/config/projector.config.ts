import { Type } from 'class-transformer';
import { IsInt, IsString, Min } from 'class-validator';
import { KafkaHttpConfig } from '@app/platform/config/common.config';

export class ProjectorConfig extends KafkaHttpConfig {
  @IsString()
  PROJECTOR_GROUP_ID: string = 'ticket-projector';

  @IsInt()
  @Min(100)
  @Type(() => Number)
  PROJECTOR_RETRY_DELAY_MS: number = 1_000;
}

export const PROJECTOR_CONFIG = Symbol('PROJECTOR_CONFIG');

/** Read at import: Nest's @EventPattern takes the topic when the decorator runs. */
export const TICKET_EVENTS_TOPIC_NAME = process.env.TICKET_EVENTS_TOPIC ?? 'ticket-events';
