import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { fromSchemathesis } from '../../scripts/test-report/test-summary';
import { ROOT } from '../setup/endpoints';
import { logDir } from '../setup/services';
import { closeTestPool, customerKey, newAccountId, staffKey } from '../support/api-keys';
import { endpoints } from '../support/endpoints';

/** Fixed, so a failure found in CI is found again locally with the same cases. */
const SEED = 20_261_129;
/** Per key; two keys stay under the three minutes the fuzzer may take in CI. */
const SECONDS_PER_KEY = 75;
const FUZZER = join(ROOT, '.local/schemathesis/bin/schemathesis');

interface FuzzRun {
  exitCode: number | null;
  output: string;
}

function fuzz(apiKey: string, accountId: string): Promise<FuzzRun> {
  mkdirSync(logDir(), { recursive: true });
  const child = spawn(
    FUZZER,
    [
      '--no-color',
      '--config-file',
      join(__dirname, 'schemathesis.toml'),
      'run',
      `${endpoints().GATEWAY_URL}/api/openapi.json`,
      '--seed',
      String(SEED),
      '--max-time',
      String(SECONDS_PER_KEY),
    ],
    {
      cwd: logDir(),
      env: {
        ...process.env,
        FUZZ_API_KEY: apiKey,
        FUZZ_ACCOUNT_ID: accountId,
        SCHEMATHESIS_HOOKS: 'hooks',
        // a hung run is ended with SIGABRT, which then prints where it hung
        PYTHONFAULTHANDLER: '1',
        PYTHONDONTWRITEBYTECODE: '1',
        PYTHONPATH: __dirname,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const chunks: Buffer[] = [];
  const log = createWriteStream(join(logDir(), `fuzz-${accountId}.log`));
  const collect = (chunk: Buffer) => chunks.push(chunk) && log.write(chunk);
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  // the fuzzer stops itself at its budget (the coverage phase, run first, is outside it); this ends a hung one
  const stop = setTimeout(() => child.kill('SIGABRT'), (SECONDS_PER_KEY + 100) * 1000);
  return new Promise((resolve) =>
    child.on('close', (exitCode) => {
      clearTimeout(stop);
      log.end();
      resolve({ exitCode, output: Buffer.concat(chunks).toString() });
    }),
  );
}

const report = (role: string, run: FuzzRun): void => {
  process.stdout.write(`\n[fuzz] schemathesis, ${role} key, seed ${SEED}\n${run.output}\n`);
  const dir = process.env.TEST_RESULTS_DIR;
  if (!dir) return;
  const counts = fromSchemathesis(`fuzzer cases, ${role} key`, run.output);
  writeFileSync(join(dir, `fuzz-${role}.counts.json`), JSON.stringify(counts));
};

describe('the fuzzer (schemathesis, every check) through the gateway', () => {
  afterAll(closeTestPool);

  it('finds no failure with a customer key', async () => {
    const accountId = newAccountId();
    const run = await fuzz(await customerKey(accountId), accountId);
    report('customer', run);
    expect(run.output).toContain(`Seed: ${SEED}`);
    expect(run.exitCode).toBe(0);
  }, 240_000);

  it('finds no failure with a staff key', async () => {
    const run = await fuzz(await staffKey(), newAccountId());
    report('staff', run);
    expect(run.output).toContain(`Seed: ${SEED}`);
    expect(run.exitCode).toBe(0);
  }, 240_000);
});
