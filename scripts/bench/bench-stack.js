'use strict';
// The services of a benchmark, on ports of their own next to the test profile's PostgreSQL, Kafka and MinIO.

const { execFileSync, spawn } = require('node:child_process');
const { mkdirSync, openSync, readFileSync } = require('node:fs');
const net = require('node:net');
const { join } = require('node:path');

const ROOT = join(__dirname, '../..');
const log = (message) => console.error(`[bench] ${message}`);

/** The test profile of scripts/infra/env.sh with the services and the gateway moved by slot*10 ports. */
function benchEnvironment(slot) {
  const ports = {
    TICKET_API_PORT: 13001 + slot * 10,
    ATTACHMENT_PORT: 13002 + slot * 10,
    PROJECTOR_PORT: 13003 + slot * 10,
    GATEWAY_PORT: 18080 + slot * 10,
  };
  const names = [
    'DATABASE_URL',
    'KAFKA_BROKERS',
    'S3_ENDPOINT',
    'S3_ACCESS_KEY',
    'S3_SECRET_KEY',
    'S3_BUCKET',
    'GATEWAY_URL',
    'PG_PORT',
  ];
  const env = { ...process.env, STACK: 'test' };
  for (const [name, port] of Object.entries(ports)) env[name] ??= String(port);
  const script = `source scripts/infra/env.sh >/dev/null && ${names.map((n) => `echo "${n}=$${n}"`).join(' && ')}`;
  const output = execFileSync('bash', ['-c', script], { cwd: ROOT, env, encoding: 'utf8' });
  for (const line of output.trim().split('\n')) {
    env[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return env;
}

const portOpen = (port) =>
  new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });

async function waitFor(what, check, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${what} not ready after ${timeoutMs} ms`);
}

const healthy = (port) => async () =>
  (await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(2_000) })).ok;

function startService(name, env, port, extra = {}) {
  const logs = join(ROOT, '.local/run/test/logs');
  mkdirSync(logs, { recursive: true });
  const out = openSync(join(logs, `${name}-${port}.log`), 'a');
  return spawn(process.execPath, [join(ROOT, `dist/apps/${name}/src/main.js`)], {
    cwd: ROOT,
    env: { ...env, PORT: String(port), LOG_LEVEL: 'warn', ...extra },
    stdio: ['ignore', out, out],
  });
}

function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.once('exit', () => (clearTimeout(timer), resolve()));
    child.kill('SIGTERM');
  });
}

/** kB figures of /proc/<pid>/status, e.g. VmHWM (peak resident set) and VmRSS. */
function memoryOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)[1]);
  return { peak: kb('VmHWM') * 1024, current: kb('VmRSS') * 1024 };
}

/** Runs task(i) for i < count, at most `limit` at a time. */
async function pool(count, limit, task) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

/**
 * Starts infrastructure (when not running), migrations, the named services and the gateway; returns the
 * environment, the child processes and a cleanup that undoes what was started.
 */
async function startStack(slot, services) {
  const env = benchEnvironment(slot);
  const infraWasUp = await portOpen(Number(env.PG_PORT));
  const cleanups = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch((e) => log(`cleanup: ${e.message}`));
  };
  const sh = (...args) => execFileSync('bash', args, { cwd: ROOT, env, stdio: 'inherit' });
  log('infrastructure (test profile): postgres, kafka, minio');
  sh('scripts/infra/start.sh', 'postgres', 'kafka', 'minio');
  if (!infraWasUp) cleanups.push(async () => sh('scripts/infra/stop.sh'));
  execFileSync(process.execPath, ['dist/libs/platform/src/db/migrate.cli.js'], {
    cwd: ROOT,
    env,
    stdio: 'inherit',
  });
  const ports = {
    'ticket-api': env.TICKET_API_PORT,
    'attachment-service': env.ATTACHMENT_PORT,
    projector: env.PROJECTOR_PORT,
    'webhook-dispatcher': String(Number(env.PROJECTOR_PORT) + 1),
  };
  const children = {};
  for (const [name, extra] of Object.entries(services))
    children[name] = startService(name, env, ports[name], extra);
  cleanups.push(() => Promise.all(Object.values(children).map(stopProcess)));
  for (const name of Object.keys(services)) await waitFor(name, healthy(ports[name]));
  sh('scripts/infra/start.sh', 'nginx');
  cleanups.push(async () => sh('scripts/infra/stop.sh', 'nginx'));
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  return { env, children, cleanup, cleanups };
}

function createApiKey(env, accountId, role = 'customer') {
  const args = ['dist/apps/ticket-api/src/api-keys/api-key.cli.js', 'create', '--role', role];
  if (accountId) args.push('--account', accountId);
  return execFileSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8' }).trim();
}

async function openTicket(env, key, accountId, subject = 'Benchmark') {
  const opened = await fetch(`${env.GATEWAY_URL}/api/Ticket?accountId=${accountId}`, {
    method: 'POST',
    headers: { 'x-api-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ subject, description: 'Benchmark ticket', topic: 'Billing' }),
  });
  if (opened.status !== 201)
    throw new Error(`open ticket: ${opened.status} ${await opened.text()}`);
  return (await opened.json()).id;
}

module.exports = { ROOT, log, memoryOf, pool, startStack, createApiKey, openTicket, waitFor };
