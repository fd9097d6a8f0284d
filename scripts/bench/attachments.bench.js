#!/usr/bin/env node
// `npm run bench:attachments`: 50 files of 10 MB uploaded 20 at a time through the gateway, the same files
// PUT straight to MinIO in the same run, and the attachment-service's peak memory.
//
// Starts its own ticket-api, attachment-service and nginx gateway from dist/ on ports of their own (the
// test profile moved by BENCH_SLOT*10, default 9), on the test profile's PostgreSQL, Kafka and MinIO
// (started when not running, and stopped again afterwards). Loopback only.
//
//   BENCH_FILES=50 BENCH_CONCURRENCY=20 BENCH_FILE_BYTES=10485760  the workload
//   MAX_CONCURRENT_UPLOADS=8 S3_PART_SIZE=5242880                  passed to the attachment-service
'use strict';

const { execFileSync, spawn } = require('node:child_process');
const { createHash, randomBytes } = require('node:crypto');
const { mkdirSync, openSync, readFileSync } = require('node:fs');
const http = require('node:http');
const { join } = require('node:path');
const { Client } = require('minio');

const ROOT = join(__dirname, '../..');
const MIB = 1024 * 1024;
const FILES = Number(process.env.BENCH_FILES ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
const FILE_BYTES = Number(process.env.BENCH_FILE_BYTES ?? 10 * MIB);
const SLOT = Number(process.env.BENCH_SLOT ?? 9);
const MAX_ATTEMPTS = 100;

const log = (message) => console.error(`[bench] ${message}`);

/** The test profile of scripts/infra/env.sh with the services and the gateway moved to the bench's ports. */
function benchEnvironment() {
  const ports = {
    TICKET_API_PORT: 13001 + SLOT * 10,
    ATTACHMENT_PORT: 13002 + SLOT * 10,
    PROJECTOR_PORT: 13003 + SLOT * 10,
    GATEWAY_PORT: 18080 + SLOT * 10,
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
  const output = execFileSync(
    'bash',
    [
      '-c',
      `source scripts/infra/env.sh >/dev/null && ${names.map((n) => `echo "${n}=$${n}"`).join(' && ')}`,
    ],
    { cwd: ROOT, env, encoding: 'utf8' },
  );
  for (const line of output.trim().split('\n')) {
    env[line.slice(0, line.indexOf('='))] = line.slice(line.indexOf('=') + 1);
  }
  return env;
}

const portOpen = (port) =>
  new Promise((resolve) => {
    const socket = require('node:net').connect(port, '127.0.0.1');
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

/** The i-th file: one shared random body with its own first 16 bytes, so no two files are alike. */
function fileParts(base, index) {
  const stamp = Buffer.alloc(16);
  stamp.writeUInt32BE(index, 0);
  randomBytes(12).copy(stamp, 4);
  return [stamp, base.subarray(16)];
}

/** One multipart upload through the gateway, streamed from the parts without copying them. */
function uploadOnce(gateway, path, key, parts) {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.bin"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + parts.reduce((n, p) => n + p.length, 0) + tail.length;
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: gateway.hostname,
      port: gateway.port,
      method: 'POST',
      path,
      headers: {
        'x-api-key': key,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(length),
      },
      agent: false,
    });
    request.on('error', reject);
    request.on('response', (response) => {
      const chunks = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => {
        // a refusal may come before the body is sent; stop sending it
        request.destroy();
        resolve({
          status: response.statusCode,
          retryAfter: Number(response.headers['retry-after'] ?? 1),
          body: Buffer.concat(chunks).toString(),
        });
      });
    });
    for (const chunk of [head, ...parts]) request.write(chunk);
    request.end(tail);
  });
}

/** Runs task(i) for i < count, at most `limit` at a time. */
async function pool(count, limit, task) {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
}

async function main() {
  const env = benchEnvironment();
  const infraWasUp = await portOpen(Number(env.PG_PORT));
  const cleanups = [];
  const cleanup = async () => {
    for (const step of cleanups.reverse()) await step().catch((e) => log(`cleanup: ${e.message}`));
  };
  process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));
  try {
    log('infrastructure (test profile): postgres, kafka, minio');
    execFileSync('bash', ['scripts/infra/start.sh', 'postgres', 'kafka', 'minio'], {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    });
    if (!infraWasUp)
      cleanups.push(async () =>
        execFileSync('bash', ['scripts/infra/stop.sh'], { cwd: ROOT, env, stdio: 'inherit' }),
      );
    execFileSync(process.execPath, ['dist/libs/platform/src/db/migrate.cli.js'], {
      cwd: ROOT,
      env,
      stdio: 'inherit',
    });

    const ticketApi = startService('ticket-api', env, env.TICKET_API_PORT);
    const attachments = startService('attachment-service', env, env.ATTACHMENT_PORT, {
      SWEEP_INTERVAL_MS: '0',
    });
    cleanups.push(() => Promise.all([stopProcess(ticketApi), stopProcess(attachments)]));
    await waitFor('ticket-api', healthy(env.TICKET_API_PORT));
    await waitFor('attachment-service', healthy(env.ATTACHMENT_PORT));
    execFileSync('bash', ['scripts/infra/start.sh', 'nginx'], { cwd: ROOT, env, stdio: 'inherit' });
    cleanups.push(async () =>
      execFileSync('bash', ['scripts/infra/stop.sh', 'nginx'], {
        cwd: ROOT,
        env,
        stdio: 'inherit',
      }),
    );
    const gateway = new URL(env.GATEWAY_URL);

    const accountId = `bench-${randomBytes(4).toString('hex')}`;
    const key = execFileSync(
      process.execPath,
      [
        'dist/apps/ticket-api/src/api-keys/api-key.cli.js',
        'create',
        '--account',
        accountId,
        '--role',
        'customer',
      ],
      { cwd: ROOT, env, encoding: 'utf8' },
    ).trim();
    const opened = await fetch(`${env.GATEWAY_URL}/api/Ticket?accountId=${accountId}`, {
      method: 'POST',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: JSON.stringify({
        subject: 'Benchmark',
        description: 'Attachment throughput',
        topic: 'Billing',
      }),
    });
    if (opened.status !== 201)
      throw new Error(`open ticket: ${opened.status} ${await opened.text()}`);
    const ticketId = (await opened.json()).id;
    const path = `/api/Ticket/${ticketId}/attachment?accountId=${accountId}`;
    const health = await (await fetch(`http://127.0.0.1:${env.ATTACHMENT_PORT}/health`)).json();
    const { capacity, partSize } = health.uploads;

    const base = randomBytes(FILE_BYTES);
    const files = Array.from({ length: FILES }, (_, i) => fileParts(base, i));
    const digests = files.map((parts) => {
      const hash = createHash('sha256');
      parts.forEach((p) => hash.update(p));
      return hash.digest('hex');
    });
    const s3 = new URL(env.S3_ENDPOINT);
    const minio = new Client({
      endPoint: s3.hostname,
      port: Number(s3.port),
      useSSL: false,
      accessKey: env.S3_ACCESS_KEY,
      secretKey: env.S3_SECRET_KEY,
      region: 'us-east-1',
      pathStyle: true,
    });
    const directPrefix = `bench/${accountId}/`;
    cleanups.push(async () => {
      const keys = [];
      for (const prefix of [directPrefix, `uploads/tickets/${ticketId}/`]) {
        for await (const item of minio.listObjectsV2(env.S3_BUCKET, prefix, true))
          keys.push(item.name);
      }
      await minio.removeObjects(env.S3_BUCKET, keys);
    });

    // one of each first, so neither path pays for connection set-up or JIT warm-up inside the timing
    const warm = await uploadOnce(gateway, path, key, files[0]);
    if (warm.status !== 201) throw new Error(`warm-up upload: ${warm.status} ${warm.body}`);
    await minio.putObject(env.S3_BUCKET, `${directPrefix}warm`, Buffer.concat(files[0]));

    const rssBefore = memoryOf(attachments.pid).current;
    let refusals = 0;
    const gatewayStart = process.hrtime.bigint();
    await pool(FILES, CONCURRENCY, async (i) => {
      for (let attempt = 1; ; attempt++) {
        const answer = await uploadOnce(gateway, path, key, files[i]);
        if (answer.status === 201) {
          if (JSON.parse(answer.body).sha256 !== digests[i])
            throw new Error(`file ${i}: checksum differs`);
          return;
        }
        if (answer.status !== 503 || attempt >= MAX_ATTEMPTS) {
          throw new Error(`file ${i}: ${answer.status} ${answer.body}`);
        }
        refusals += 1;
        await new Promise((resolve) => setTimeout(resolve, answer.retryAfter * 1000));
      }
    });
    const gatewaySeconds = Number(process.hrtime.bigint() - gatewayStart) / 1e9;
    const memory = memoryOf(attachments.pid);

    const directStart = process.hrtime.bigint();
    await pool(FILES, CONCURRENCY, async (i) => {
      await minio.putObject(
        env.S3_BUCKET,
        `${directPrefix}${i}`,
        Buffer.concat(files[i]),
        FILE_BYTES,
      );
    });
    const directSeconds = Number(process.hrtime.bigint() - directStart) / 1e9;

    const totalMiB = (FILES * FILE_BYTES) / MIB;
    const gatewayRate = totalMiB / gatewaySeconds;
    const directRate = totalMiB / directSeconds;
    const mib = (bytes) => `${(bytes / MIB).toFixed(1)} MiB`;
    console.log(
      [
        `attachments benchmark: ${FILES} files x ${mib(FILE_BYTES)}, ${CONCURRENCY} at a time, loopback`,
        `  through the gateway : ${gatewaySeconds.toFixed(2)} s  ${gatewayRate.toFixed(1)} MiB/s  (${refusals} x 503 + Retry-After, retried)`,
        `  direct PUT to MinIO : ${directSeconds.toFixed(2)} s  ${directRate.toFixed(1)} MiB/s`,
        `  ratio gateway/direct: ${(gatewayRate / directRate).toFixed(2)}`,
        `  attachment-service  : peak RSS (VmHWM) ${mib(memory.peak)}, RSS ${mib(rssBefore)} before the run, ${mib(memory.current)} after`,
        `  upload memory bound : ${capacity} uploads at once x ${mib(partSize)} part = ${mib(capacity * partSize)} of part buffers`,
      ].join('\n'),
    );
  } finally {
    await cleanup();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
