import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { migrate } from '../../libs/platform/src/db/migrate';
import { createPool } from '../../libs/platform/src/db/database';
import { startContainersIfDocker } from './docker-servers';
import { externalServersGiven, moveServicePorts, ROOT, testProfile } from './endpoints';
import type { Endpoints } from './endpoints';
import { SERVICES, startService, stopProcess, waitForService } from './services';
import { warmUpPipeline } from './pipeline-warm-up';
import { httpOk, waitFor } from './wait-for';

const bash = (script: string, args: string[] = []): void => {
  execFileSync('bash', [join(ROOT, script), ...args], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, STACK: 'test' },
  });
};

const teardowns: (() => Promise<void>)[] = [];

/** TEST_SLOT=n moves the services and the gateway by n*10 ports, so test runs can share one set of servers. */
function applyTestSlot(): void {
  const slot = Number(process.env.TEST_SLOT ?? 0);
  if (!slot) return;
  moveServicePorts(slot);
  process.env.KEEP_INFRA ??= '1';
}

/**
 * Real servers for integration and e2e tests, in this order: endpoints from the environment; containers when
 * a Docker engine answers; otherwise the local infrastructure of scripts/infra, installed and started here.
 */
export default async function globalSetup(): Promise<void> {
  applyTestSlot();
  const endpoints = testProfile();
  if (externalServersGiven()) {
    console.log('\n[setup] using the servers named by DATABASE_URL, KAFKA_BROKERS and S3_ENDPOINT');
  } else {
    const containers = await startContainersIfDocker(endpoints);
    if (containers) {
      console.log('\n[setup] Docker engine found: servers run in testcontainers');
      Object.assign(endpoints, containers.endpoints);
      teardowns.push(containers.stop);
    } else {
      console.log(
        '\n[setup] no Docker engine: installing and starting local servers (scripts/infra)',
      );
      bash('scripts/infra/install.sh');
      bash('scripts/infra/start.sh');
      if (process.env.KEEP_INFRA !== '1') teardowns.push(async () => bash('scripts/infra/stop.sh'));
    }
  }
  Object.assign(process.env, endpoints);

  const pool = createPool(endpoints.DATABASE_URL, 1, 'test-setup');
  await migrate(pool).finally(() => pool.end());

  if (process.env.SKIP_BUILD !== '1') {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  }
  const children = SERVICES.map((s) => startService(s.name, endpoints));
  teardowns.unshift(async () => {
    await Promise.all(children.map((child) => stopProcess(child)));
  });
  await Promise.all(SERVICES.map((s) => waitForService(s.name, endpoints)));
  bash('scripts/infra/start.sh', ['nginx']);
  teardowns.unshift(async () => bash('scripts/infra/stop.sh', ['nginx']));
  await waitFor('gateway', httpOk(`${endpoints.GATEWAY_URL}/health`), 30_000);
  await warmUpPipeline(endpoints);

  writeFileSync(join(ROOT, '.local/run/test/endpoints.json'), JSON.stringify(endpoints, null, 2));
  (globalThis as { __testTeardowns?: typeof teardowns }).__testTeardowns = teardowns;
}

export type { Endpoints };
