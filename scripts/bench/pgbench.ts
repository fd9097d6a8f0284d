// pgbench runs for the throughput bench: what PostgreSQL itself does at the same concurrency as the API runs.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type autocannon from 'autocannon';

/** One row of the bench table: requests (or transactions) per second, latency percentiles in ms, failures. */
export interface Measured {
  name: string;
  rate: number;
  p50: number;
  p99: number;
  errors: number;
  /** Requests answered 2xx (transactions, for pgbench). */
  total: number;
  /** ticket-api's CPU time per request over the run: noise from other processes barely moves it. */
  apiCpuMsPerRequest?: number;
  sqlPerRequest?: number;
}

/** An autocannon result in the table's terms: rate, latency percentiles and every kind of error. */
export const measuredFrom = (
  name: string,
  result: Awaited<ReturnType<typeof autocannon>>,
): Measured => ({
  name,
  rate: result.requests.average,
  p50: result.latency.p50,
  p99: result.latency.p99,
  errors: result.errors + result.timeouts + result.non2xx,
  total: result['2xx'],
});

/** The highest PostgreSQL's pgbench in the Debian layout (installed by scripts/infra/install.sh postgres). */
function pgbenchBinary(): string {
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('pgbench not found under /usr/lib/postgresql/*/bin');
  return `/usr/lib/postgresql/${versions[0]}/bin/pgbench`;
}

export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Per-transaction latencies in ms from pgbench's -l logs (third field: microseconds). */
function latenciesIn(dir: string): number[] {
  const latencies: number[] = [];
  for (const file of readdirSync(dir).filter((f) => f.startsWith('tx'))) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const fields = line.split(' ');
      if (fields.length >= 3) latencies.push(Number(fields[2]) / 1000);
    }
  }
  return latencies.sort((a, b) => a - b);
}

/**
 * Runs `script` (pgbench's custom script syntax) with `clients` connections for `seconds`, prepared statements;
 * returns transactions/s, p50/p99 latency in ms from the per-transaction log, and failures.
 */
export function runPgbench(
  databaseUrl: string,
  name: string,
  script: string,
  { clients, seconds }: { clients: number; seconds: number },
): Measured {
  const dir = mkdtempSync(join(tmpdir(), 'pgbench-'));
  try {
    writeFileSync(join(dir, 'script.sql'), script);
    const args = ['-n', '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds)];
    const output = execFileSync(
      pgbenchBinary(),
      [...args, '-f', join(dir, 'script.sql'), '-l', '--log-prefix', join(dir, 'tx'), databaseUrl],
      {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: (seconds + 60) * 1000,
      },
    );
    const latencies = latenciesIn(dir);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1]);
    const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
    return {
      name,
      rate: tps,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors: failed,
      total: Number(/number of transactions actually processed: (\d+)/.exec(output)?.[1] ?? NaN),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
