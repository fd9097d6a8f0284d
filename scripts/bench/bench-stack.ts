// The services of a benchmark, on ports of their own next to the test profile's PostgreSQL, Kafka and MinIO.
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, openSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

export type BenchEnv = NodeJS.ProcessEnv & {
  GATEWAY_URL: string;
  PG_PORT: string;
  S3_ENDPOINT: string;
  S3_ACCESS_KEY: string;
  S3_SECRET_KEY: string;
  S3_BUCKET: string;
  TICKET_API_PORT: string;
  ATTACHMENT_PORT: string;
  PROJECTOR_PORT: string;
};

export type ServiceName = 'ticket-api' | 'attachment-service' | 'projector';
type Cleanup = () => Promise<unknown>;

export const ROOT = join(__dirname, '../..');
export const log = (message: string): void => console.error(`[bench] ${message}`);

/** The test profile of scripts/infra/env.sh with the services and the gateway moved by slot*10 ports. */
function benchEnvironment(slot: number): BenchEnv {
  const ports = {
    TICKET_API_PORT: 13001 + slot * 10,
    ATTACHMENT_PORT: 13002 + slot * 10,
    PROJECTOR_PORT: 13003 + slot * 10,
    GATEWAY_PORT: 18080 + slot * 10,
  };
  const names = [
    'DATABASE_URL',
    'KAFKA_BROKERS',
    'S3_ENDPOINT',
    'S3_ACCESS_KEY',
    'S3_SECRET_KEY',
    'S3_BUCKET',
    'GATEWAY_URL',
    'PG_PORT',
  ];
  const env: NodeJS.ProcessEnv = { ...process.env, STACK: 'test' };
  for (const [name, port] of Object.entries(ports)) env[name] ??= String(port);
  const script = `source scripts/infra/env.sh >/dev/null && ${names.map((n) => `echo "${n}=$${n}"`).join(' && ')}`;
  const output = execFileSync('bash', ['-c', script], { cwd: ROOT, env, encoding: 'utf8' });
  for (const line of output.trim().split('\n')) {
    env[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return env as BenchEnv;
}

const portOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms`);
}

const healthy = (port: string) => async (): Promise<boolean> =>
  (await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2_000) })).ok;

function startService(
  name: ServiceName,
  env: BenchEnv,
  port: string,
  extra: Record<string, string> = {},
): ChildProcess {
  const logs = join(ROOT, '.local/run/test/logs');
  mkdirSync(logs, { recursive: true });
  const out = openSync(join(logs, `${name}-${port}.log`), 'a');
  return spawn(process.execPath, [join(ROOT, `dist/apps/${name}/src/main.js`)], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), LOG_LEVEL: 'warn', ...extra },
    stdio: ['ignore', out, out],
  });
}

function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** kB figures of /proc/<pid>/status, e.g. VmHWM (peak resident set) and VmRSS. */
export function memoryOf(pid: number): { peak: number; current: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { peak: kb('VmHWM') * 1024, current: kb('VmRSS') * 1024 };
}

/** Runs task(i) for i < count, at most `limit` at a time. */
export async function pool(
  count: number,
  limit: number,
  task: (i: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

/**
 * Starts infrastructure (when not running), migrations, the named services and the gateway; returns the
 * environment, the child processes and a cleanup that undoes what was started.
 */
export async function startStack(
  slot: number,
  services: Partial<Record<ServiceName, Record<string, string>>>,
) {
  const env = benchEnvironment(slot);
  const infraWasUp = await portOpen(Number(env.PG_PORT));
  const cleanups: Cleanup[] = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) {
      await step().catch((e: Error) => log(`cleanup: ${e.message}`));
    }
  };
  const sh = (...args: string[]) =>
    execFileSync('bash', args, { cwd: ROOT, env, stdio: 'inherit' });
  log('infrastructure (test profile): postgres, kafka, minio');
  sh('scripts/infra/start.sh', 'postgres', 'kafka', 'minio');
  if (!infraWasUp) cleanups.push(async () => sh('scripts/infra/stop.sh'));
  execFileSync(process.execPath, ['dist/libs/platform/src/db/migrate.cli.js'], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  const ports: Record<ServiceName, string> = {
    'ticket-api': env.TICKET_API_PORT,
    'attachment-service': env.ATTACHMENT_PORT,
    projector: env.PROJECTOR_PORT,
  };
  const names = Object.keys(services) as ServiceName[];
  const children: Partial<Record<ServiceName, ChildProcess>> = {};
  for (const name of names) children[name] = startService(name, env, ports[name], services[name]);
  cleanups.push(() => Promise.all(Object.values(children).map(stopProcess)));
  for (const name of names) await waitFor(name, healthy(ports[name]));
  sh('scripts/infra/start.sh', 'nginx');
  cleanups.push(async () => sh('scripts/infra/stop.sh', 'nginx'));
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  return { env, children, cleanup, cleanups };
}

export function createApiKey(env: BenchEnv, accountId: string, role = 'customer'): string {
  const args = ['dist/apps/ticket-api/src/api-keys/api-key.cli.js', 'create', '--role', role];
  if (accountId) args.push('--account', accountId);
  return execFileSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8' }).trim();
}

export async function openTicket(
  env: BenchEnv,
  key: string,
  accountId: string,
  subject = 'Benchmark',
): Promise<number> {
  const opened = await fetch(`${env.GATEWAY_URL}/api/Ticket?accountId=${accountId}`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ subject, description: 'Benchmark ticket', topic: 'Billing' }),
  });
  if (opened.status !== 201)
    throw new Error(`open ticket: ${opened.status} ${await opened.text()}`);
  return ((await opened.json()) as { id: number }).id;
}
