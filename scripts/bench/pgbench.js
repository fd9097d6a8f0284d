'use strict';
// pgbench runs for the throughput bench: what PostgreSQL itself does at the same concurrency as the API runs.

const { execFileSync } = require('node:child_process');
const { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

/** The highest PostgreSQL's pgbench in the Debian layout (installed by scripts/infra/install.sh postgres). */
function pgbenchBinary() {
  const versions = readdirSync('/usr/lib/postgresql')
    .filter((v) => /^\d+$/.test(v))
    .sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error('pgbench not found under /usr/lib/postgresql/*/bin');
  return `/usr/lib/postgresql/${versions[0]}/bin/pgbench`;
}

const percentile = (sorted, p) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/**
 * Runs `script` (pgbench's custom script syntax) with `clients` connections for `seconds`, prepared statements;
 * returns transactions/s, p50/p99 latency in ms from the per-transaction log, and failures.
 */
function runPgbench(databaseUrl, name, script, { clients, seconds }) {
  const dir = mkdtempSync(join(tmpdir(), 'pgbench-'));
  try {
    writeFileSync(join(dir, 'script.sql'), script);
    const output = execFileSync(
      pgbenchBinary(),
      ['-n', '-M', 'prepared', '-c', String(clients), '-j', '2', '-T', String(seconds)].concat([
        '-f',
        join(dir, 'script.sql'),
        '-l',
        '--log-prefix',
        join(dir, 'tx'),
        databaseUrl,
      ]),
      {
        cwd: dir,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: (seconds + 60) * 1000,
      },
    );
    const latencies = [];
    for (const file of readdirSync(dir).filter((f) => f.startsWith('tx'))) {
      for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
        const fields = line.split(' ');
        if (fields.length >= 3) latencies.push(Number(fields[2]) / 1000);
      }
    }
    latencies.sort((a, b) => a - b);
    const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1]);
    const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
    return {
      name,
      rate: tps,
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      errors: failed,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

module.exports = { runPgbench, percentile };
