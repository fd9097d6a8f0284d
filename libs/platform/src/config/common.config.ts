import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import { IsIn, IsInt, IsNotEmpty, IsString, Max, Min } from 'class-validator';

export class DatabaseConfig {
  @IsString()
  @IsNotEmpty()
  DATABASE_URL!: string;

  @IsInt()
  @Min(1)
  @Max(200)
  @Type(() => Number)
  DATABASE_POOL_SIZE: number = 10;
}

export class HttpConfig extends DatabaseConfig {
  @IsInt()
  @Min(0)
  @Max(65535)
  @Type(() => Number)
  PORT: number = 3000;

  @IsString()
  HOST: string = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' = 'info';

  @IsInt()
  @Min(0)
  @Type(() => Number)
  SHUTDOWN_GRACE_MS: number = 10_000;
}

export class KafkaHttpConfig extends HttpConfig {
  @IsString()
  @IsNotEmpty()
  KAFKA_BROKERS!: string;

  @IsString()
  TICKET_EVENTS_TOPIC: string = 'ticket-events';

  @IsInt()
  @Min(1)
  @Type(() => Number)
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
