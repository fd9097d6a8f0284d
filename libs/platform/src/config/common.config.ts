import 'reflect-metadata';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsOptional,
  IsString,
  IsUrl,
  Min,
} from 'class-validator';
import { DEV_DATA_MASTER_KEYS, IsDataMasterKeys } from '../crypto/master-keys';
import { IntSetting } from './int-setting';

/**
 * 'true' or 'false' from the environment, read from the raw variable: implicit conversion has already made
 * `value` Boolean('false'), which is true.
 */
export const BooleanFromEnv = (): PropertyDecorator =>
  Transform(
    ({ obj, key, value }: { obj: Record<string, unknown>; key: string; value: unknown }) => {
      const raw = obj[key];
      return raw === 'true' ? true : raw === 'false' ? false : value;
    },
  );

export class DatabaseConfig {
  @IsString()
  @IsNotEmpty()
  DATABASE_URL!: string;

  @IntSetting(1, 200)
  DATABASE_POOL_SIZE: number = 10;

  /** `id:base64key,...`, current first: wrap the per-account keys personal data is encrypted with. */
  @IsDataMasterKeys()
  DATA_MASTER_KEYS: string = DEV_DATA_MASTER_KEYS;

  /**
   * false: ticket-api and the attachment-service store new personal data in the clear, as releases before
   * migration 024 did (the first step of a rolling upgrade from one, whose readers cannot open sealed
   * fields); every service opens sealed fields either way.
   */
  @IsBoolean()
  @BooleanFromEnv()
  PERSONAL_DATA_SEALING: boolean = true;
}

export class HttpConfig extends DatabaseConfig {
  /** Requests per second per API key, summed over every instance (a token bucket in PostgreSQL); 0: off. */
  @IsNumber()
  @Min(0)
  @Type(() => Number)
  RATE_LIMIT_PER_SECOND: number = 20;

  /** Requests an idle key may make at once. */
  @IntSetting(1)
  RATE_LIMIT_BURST: number = 40;

  /** Tokens an instance leases from a key's bucket per round trip at most (also at most a tenth of the burst). */
  @IntSetting(1, 10_000)
  RATE_LIMIT_LEASE: number = 100;

  @IntSetting(0, 65535)
  PORT: number = 3000;

  @IsString()
  HOST: string = '127.0.0.1';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug'])
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' = 'info';

  /** json: one JSON object per line (containers, log shippers); pretty: coloured text for a terminal. */
  @IsIn(['json', 'pretty'])
  LOG_FORMAT: 'json' | 'pretty' = 'json';

  @IntSetting(0)
  SHUTDOWN_GRACE_MS: number = 10_000;

  /** OTLP/HTTP collector (spans go to <url>/v1/traces); unset: tracing off, no SDK loaded. */
  @IsOptional()
  @IsUrl({ require_tld: false, protocols: ['http', 'https'] })
  OTEL_EXPORTER_OTLP_ENDPOINT?: string;
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

  /** A consumer's fetch is answered once this much is there, or after KAFKA_FETCH_MAX_WAIT_MS. */
  @IntSetting(1, 1024 * 1024)
  KAFKA_FETCH_MIN_BYTES: number = 1;

  @IntSetting(1, 10_000)
  KAFKA_FETCH_MAX_WAIT_MS: number = 1_000;
}

export const brokers = (config: KafkaHttpConfig): string[] =>
  config.KAFKA_BROKERS.split(',').map((b) => b.trim());
