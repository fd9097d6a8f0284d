import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../..');

export interface Endpoints {
  DATABASE_URL: string;
  KAFKA_BROKERS: string;
  S3_ENDPOINT: string;
  S3_ACCESS_KEY: string;
  S3_SECRET_KEY: string;
  S3_BUCKET: string;
  GATEWAY_URL: string;
  TICKET_API_PORT: string;
  ATTACHMENT_PORT: string;
  PROJECTOR_PORT: string;
  WEBHOOK_DISPATCHER_PORT: string;
  GATEWAY_TLS_PORT: string;
  GATEWAY_TLS_CERT: string;
}

const KEYS: (keyof Endpoints)[] = [
  'DATABASE_URL',
  'KAFKA_BROKERS',
  'S3_ENDPOINT',
  'S3_ACCESS_KEY',
  'S3_SECRET_KEY',
  'S3_BUCKET',
  'GATEWAY_URL',
  'TICKET_API_PORT',
  'ATTACHMENT_PORT',
  'PROJECTOR_PORT',
  'WEBHOOK_DISPATCHER_PORT',
  'GATEWAY_TLS_PORT',
  'GATEWAY_TLS_CERT',
];

/** The test profile of scripts/infra/env.sh, with any variable already set in the environment kept. */
export function testProfile(): Endpoints {
  const script = `source scripts/infra/env.sh >/dev/null && ${KEYS.map((k) => `echo "${k}=$${k}"`).join(' && ')}`;
  const output = execFileSync('bash', ['-c', script], {
    cwd: ROOT,
    env: { ...process.env, STACK: 'test' },
    encoding: 'utf8',
  });
  const values = Object.fromEntries(
    output
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return values as unknown as Endpoints;
}

export const externalServersGiven = (): boolean =>
  Boolean(process.env.DATABASE_URL && process.env.KAFKA_BROKERS && process.env.S3_ENDPOINT);
