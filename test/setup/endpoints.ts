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
  return profileValues(KEYS, process.env) as unknown as Endpoints;
}

/** The ports a slot moves: the services' and the gateway's. */
const SLOTTED_PORTS = [
  'TICKET_API_PORT',
  'ATTACHMENT_PORT',
  'PROJECTOR_PORT',
  'WEBHOOK_DISPATCHER_PORT',
  'GATEWAY_PORT',
] as const;

/**
 * Moves the services and the gateway of the test profile by slot*10 ports from env.sh's own, so runs (tests,
 * benches) can share one set of servers; a port already set in the environment stays.
 */
export function moveServicePorts(slot: number): void {
  const unset = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !(SLOTTED_PORTS as readonly string[]).includes(name),
    ),
  );
  const defaults = profileValues(SLOTTED_PORTS, unset);
  for (const name of SLOTTED_PORTS)
    process.env[name] ??= String(Number(defaults[name]) + slot * 10);
}

function profileValues(keys: readonly string[], env: NodeJS.ProcessEnv): Record<string, string> {
  const script = `source scripts/infra/env.sh >/dev/null && ${keys.map((k) => `echo "${k}=$${k}"`).join(' && ')}`;
  const output = execFileSync('bash', ['-c', script], {
    cwd: ROOT,
    env: { ...env, STACK: 'test' },
    encoding: 'utf8',
  });
  return Object.fromEntries(
    output
      .trim()
      .split('\n')
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

export const externalServersGiven = (): boolean =>
  Boolean(process.env.DATABASE_URL && process.env.KAFKA_BROKERS && process.env.S3_ENDPOINT);
