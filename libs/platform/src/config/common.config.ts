import 'reflect-metadata';
import { Transform } from 'class-transformer';
import { IsIn, IsNotEmpty, IsString } from 'class-validator';
import { IntSetting } from './int-setting';

export class DatabaseConfig {
  @IsString()
  @IsNotEmpty()
  DATABASE_URL!: string;

  @IntSetting(1, 200)
  DATABASE_POOL_SIZE: number = 10;
}

export class HttpConfig extends DatabaseConfig {
  @IntSetting(0, 65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' = 'info';

  @IntSetting(0)
  SHUTDOWN_GRACE_MS: number = 10_000;
}

export class KafkaHttpConfig extends HttpConfig {
  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS!: string;

  @IsString()
  TICKET_EVENTS_TOPIC: string = 'ticket-events';

  @IntSetting(1)
  TICKET_EVENTS_PARTITIONS: number = 6;

  @IsString()
  KAFKA_CLIENT_ID: string = 'support-tickets';
}

export const brokers = (config: KafkaHttpConfig): string[] =>
  config.KAFKA_BROKERS.split(',').map((b) => b.trim());

/** 'true' or 'false' from the environment. */
export const BooleanFromEnv = (): PropertyDecorator =>
  Transform(({ value }: { value: unknown }) =>
    value === 'true' ? true : value === 'false' ? false : value,
  );
