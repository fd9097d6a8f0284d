import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './endpoints';
import type { Endpoints } from './endpoints';
import { fullyReady, httpOk, waitFor } from './wait-for';

/** A fixed test key: the test stack's database outlives one run. */
export const TEST_WEBHOOK_SECRET_KEYS = 'test:dGVzdC1vbmx5LXdlYmhvb2stc2VjcmV0LWtleS0zMmI=';

export const SERVICES = [
  { name: 'ticket-api', portVar: 'TICKET_API_PORT' },
  { name: 'attachment-service', portVar: 'ATTACHMENT_PORT' },
  { name: 'projector', portVar: 'PROJECTOR_PORT' },
  { name: 'webhook-dispatcher', portVar: 'WEBHOOK_DISPATCHER_PORT' },
] as const;

export type ServiceName = (typeof SERVICES)[number]['name'];

export const logDir = (): string => join(ROOT, '.local/run/test/logs');

/**
 * Starts one compiled service as a child process, its output in the test run's log folder; `root` is the
 * repository whose build runs (another release's worktree in the upgrade test).
 */
export function startService(
  name: ServiceName,
  endpoints: Endpoints,
  extraEnv: Record<string, string> = {},
  root: string = ROOT,
): ChildProcess {
  const service = SERVICES.find((s) => s.name === name)!;
  mkdirSync(logDir(), { recursive: true });
  const log = createWriteStream(
    join(logDir(), `${name}-${extraEnv.PORT ?? endpoints[service.portVar]}.log`),
    {
      flags: 'a',
    },
  );
  const child = spawn(process.execPath, [join(root, `dist/apps/${name}/src/main.js`)], {
    cwd: root,
    env: {
      ...process.env,
      ...endpoints,
      PORT: endpoints[service.portVar],
      LOG_LEVEL: 'info',
      // high enough for the load tests; rate-limits.e2e starts its own ticket-api with low limits
      RATE_LIMIT_PER_SECOND: '100000',
      RATE_LIMIT_BURST: '100000',
      OUTBOX_POLL_INTERVAL_MS: '200',
      WEBHOOK_ALLOW_LOOPBACK: 'true',
      WEBHOOK_SECRET_KEYS: TEST_WEBHOOK_SECRET_KEYS,
      WEBHOOK_RETRY_BASE_MS: '200',
      WEBHOOK_RETRY_MAX_MS: '1000',
      WEBHOOK_TIMEOUT_MS: '2000',
      WEBHOOK_POLL_INTERVAL_MS: '100',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  return child;
}

/**
 * Waits until the service (on its profile's port, or `options.port`) is ready with every dependency up, or,
 * with `degraded`, ready at all (a service restarted while Kafka is down serves degraded).
 */
export async function waitForService(
  name: ServiceName,
  endpoints: Endpoints,
  options: { port?: string; degraded?: boolean; timeoutMs?: number } = {},
): Promise<void> {
  const service = SERVICES.find((s) => s.name === name)!;
  const port = options.port ?? endpoints[service.portVar];
  const url = `http://127.0.0.1:${port}/readyz`;
  await waitFor(
    `${name} on :${port}`,
    options.degraded ? httpOk(url) : fullyReady(url),
    options.timeoutMs ?? 60_000,
  );
}

export async function stopProcess(
  child: ChildProcess,
  signal: NodeJS.Signals = 'SIGTERM',
): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill(signal);
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}
