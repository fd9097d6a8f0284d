// Preloaded into a service by `BENCH_PROFILE=<dir> npm run bench` (node --require tsx/cjs --require): counts HTTP
// requests and SQL round trips, and on each SIGWINCH (Nest shuts down on SIGUSR2) starts or stops a CPU profile
// of one bench run, named by <dir>/label.
import { writeFileSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import pg from 'pg';

const dir = process.env.BENCH_PROFILE ?? '.';
const counts = { requests: 0, queries: 0 };

const query = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as { query: unknown }).query = function countedQuery(
  this: pg.Client,
  ...args: unknown[]
) {
  counts.queries += 1;
  return query.apply(this, args);
};
const emit = http.Server.prototype.emit as (event: string | symbol, ...args: unknown[]) => boolean;
(http.Server.prototype as { emit: unknown }).emit = function countedEmit(
  this: http.Server,
  event: string | symbol,
  ...args: unknown[]
) {
  if (event === 'request') counts.requests += 1;
  return emit.call(this, event, ...args);
};

const session = new Session();
session.connect();
let started: typeof counts | null = null;
process.on('SIGWINCH', () => {
  if (!started) {
    started = { ...counts };
    session.post('Profiler.enable', () => session.post('Profiler.start'));
    return;
  }
  const since = started;
  started = null;
  session.post('Profiler.stop', (error, result) => {
    const label = readFileSync(join(dir, 'label'), 'utf8').trim();
    const requests = counts.requests - since.requests;
    const queries = counts.queries - since.queries;
    writeFileSync(join(dir, `${label}.cpuprofile`), JSON.stringify(result?.profile ?? null));
    writeFileSync(join(dir, `${label}.counts.json`), JSON.stringify({ requests, queries, error }));
  });
});
