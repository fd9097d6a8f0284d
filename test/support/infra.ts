import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../setup/endpoints';
import { waitFor } from '../setup/wait-for';

export type Server = 'postgres' | 'kafka' | 'minio' | 'nginx';

const runDir = (): string =>
  process.env.INFRA_RUN_DIR ?? join(process.env.LOCAL_DIR ?? join(ROOT, '.local'), 'run/test');

/**
 * Starts or stops one of the test profile's servers with the project's own scripts (same ports as the run);
 * `env` overrides variables of scripts/infra/env.sh, e.g. another gateway's ports.
 */
export function infra(
  action: 'start' | 'stop',
  server: Server,
  env: Record<string, string> = {},
): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(
      'bash',
      [join(ROOT, `scripts/infra/${action}.sh`), server],
      {
        cwd: ROOT,
        env: { ...process.env, STACK: 'test', ...env },
        // the scripts' own READY_TIMEOUT (60 s by default) bounds a start
        timeout: (Number(env.READY_TIMEOUT ?? 60) + 30) * 1000,
      },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(),
    ),
  );
}

export const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/**
 * Crashes a server of the test profile without letting it clean up: PostgreSQL by `pg_ctl stop -m immediate`,
 * Kafka and MinIO by SIGKILL to the pid in their pid file (then waits until the process is gone). Restart with
 * infra('start', server).
 */
export async function crash(server: 'postgres' | 'kafka' | 'minio'): Promise<void> {
  if (server === 'postgres') return infra('stop', 'postgres', { PG_STOP_MODE: 'immediate' });
  const pidFile = join(runDir(), server, `${server}.pid`);
  const pid = Number(readFileSync(pidFile, 'utf8').trim());
  if (!pid || !isAlive(pid)) return;
  process.kill(pid, 'SIGKILL');
  await waitFor(`killed ${server} gone`, async () => !isAlive(pid), 30_000, 100);
}

/** The fault tests restart servers, which they can only do to the local ones scripts/infra started. */
export const localServers = (): boolean =>
  existsSync(join(runDir(), 'postgres/data/postmaster.pid'));
