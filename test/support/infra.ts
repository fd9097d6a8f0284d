import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../setup/endpoints';

type Server = 'postgres' | 'minio' | 'nginx';

/** Starts or stops one of the test profile's servers with the project's own scripts (same ports as the run). */
export function infra(action: 'start' | 'stop', server: Server): Promise<void> {
  return new Promise((resolve, reject) =>
    execFile(
      'bash',
      [join(ROOT, `scripts/infra/${action}.sh`), server],
      { cwd: ROOT, env: { ...process.env, STACK: 'test' }, timeout: 90_000 },
      (error, _stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(),
    ),
  );
}

/** The fault tests restart servers, which they can only do to the local ones scripts/infra started. */
export const localServers = (): boolean =>
  existsSync(
    join(process.env.LOCAL_DIR ?? join(ROOT, '.local'), 'run/test/postgres/data/postmaster.pid'),
  );
