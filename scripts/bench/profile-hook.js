'use strict';
// Preloaded into a service by `BENCH_PROFILE=<dir> npm run bench` (node --require): counts HTTP requests and SQL
// round trips, and on each SIGWINCH (Nest shuts down on SIGUSR2) starts or stops a CPU profile of one bench run, named by <dir>/label.

const { Session } = require('node:inspector');
const { readFileSync, writeFileSync } = require('node:fs');
const http = require('node:http');
const { join } = require('node:path');
const pg = require('pg');

const dir = process.env.BENCH_PROFILE;
const counts = { requests: 0, queries: 0 };

const query = pg.Client.prototype.query;
pg.Client.prototype.query = function countedQuery(...args) {
  counts.queries += 1;
  return query.apply(this, args);
};
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function countedEmit(event, ...args) {
  if (event === 'request') counts.requests += 1;
  return emit.call(this, event, ...args);
};

const session = new Session();
session.connect();
let started = null;
process.on('SIGWINCH', () => {
  if (!started) {
    started = { ...counts };
    session.post('Profiler.enable', () => session.post('Profiler.start'));
    return;
  }
  const since = started;
  started = null;
  session.post('Profiler.stop', (error, { profile }) => {
    const label = readFileSync(join(dir, 'label'), 'utf8').trim();
    const requests = counts.requests - since.requests;
    const queries = counts.queries - since.queries;
    writeFileSync(join(dir, `${label}.cpuprofile`), JSON.stringify(profile));
    writeFileSync(join(dir, `${label}.counts.json`), JSON.stringify({ requests, queries, error }));
  });
});
