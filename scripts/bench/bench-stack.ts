// The services of a benchmark, on ports of their own next to the test profile's PostgreSQL, Kafka and MinIO,
// started the way the e2e tests start them (test/setup).
import { execFileSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import { moveServicePorts, ROOT, testProfile } from '../../test/setup/endpoints';
import type { Endpoints } from '../../test/setup/endpoints';
import { startService, stopProcess, waitForService } from '../../test/setup/services';
import type { ServiceName } from '../../test/setup/services';

export { ROOT };
export type { ServiceName };
export type BenchEnv = Endpoints;
type Cleanup = () => Promise<unknown>;

export const log = (message: string): void => console.error(`[bench] ${message}`);

/** The test profile of scripts/infra/env.sh with the services and the gateway moved by slot*10 ports. */
function benchEnvironment(slot: number): BenchEnv {
  moveServicePorts(slot);
  return testProfile();
}

const portOpen = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });

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
  task: (i: number, worker: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (_: unknown, w: number) => {
    while (next < count) await task(next++, w);
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
  const infraWasUp = await portOpen(Number(new URL(env.DATABASE_URL).port));
  const cleanups: Cleanup[] = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) {
      await step().catch((e: Error) => log(`cleanup: ${e.message}`));
    }
  };
  const sh = (...args: string[]) =>
    execFileSync('bash', args, {
      cwd: ROOT,
      env: { ...process.env, STACK: 'test' },
      stdio: 'inherit',
    });
  log('infrastructure (test profile): postgres, kafka, minio');
  sh('scripts/infra/start.sh', 'postgres', 'kafka', 'minio');
  if (!infraWasUp) cleanups.push(async () => sh('scripts/infra/stop.sh'));
  execFileSync(process.execPath, ['dist/libs/platform/src/db/migrate.cli.js'], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: 'inherit',
  });
  const names = Object.keys(services) as ServiceName[];
  const children: Partial<Record<ServiceName, ChildProcess>> = {};
  for (const name of names) children[name] = startService(name, env, services[name]);
  cleanups.push(() => Promise.all(Object.values(children).map((child) => stopProcess(child))));
  for (const name of names) await waitForService(name, env);
  sh('scripts/infra/start.sh', 'nginx');
  cleanups.push(async () => sh('scripts/infra/stop.sh', 'nginx'));
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  return { env, children, cleanup, cleanups };
}

export function createApiKey(env: BenchEnv, accountId: string, role = 'customer'): string {
  const args = ['dist/apps/ticket-api/src/api-keys/api-key.cli.js', 'create', '--role', role];
  if (accountId) args.push('--account', accountId);
  return execFileSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  }).trim();
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
