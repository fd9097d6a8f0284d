// `npm run bench:attachments`: 10 MiB files uploaded through the gateway and the same files PUT straight to
// MinIO with minio-js, at the same concurrency (the service's upload capacity, then 2), alternating, with
// the CPU per MiB of each process and the attachment-service's peak memory.
//
// Starts its own ticket-api, attachment-service and nginx gateway from dist/ on ports of their own (the
// test profile moved by BENCH_SLOT*10, default 9), on the test profile's PostgreSQL, Kafka and MinIO
// (started when not running, and stopped again afterwards). Loopback only.
//
//   BENCH_FILES=40 BENCH_CONCURRENCY=8,2 BENCH_FILE_BYTES=10485760  the workload (default: capacity,2)
//   MAX_CONCURRENT_UPLOADS=8 S3_PART_SIZE=5242880                  passed to the attachment-service
//   BENCH_PROFILE=<dir>: also a CPU profile of the attachment-service during the first gateway run
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { Client } from 'minio';
import type { ChildProcess } from 'node:child_process';
import type { Profiler } from 'node:inspector';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createApiKey, memoryOf, openTicket, pool, ROOT, startStack } from './bench-stack';
import type { BenchEnv } from './bench-stack';
import { waitFor } from '../../test/setup/wait-for';
import { startUsage } from './process-usage';
import { summarize } from './profile-summary';
import type { Usage } from './process-usage';

interface Answer {
  status: number;
  retryAfter: number;
  body: string;
}

const MIB = 1024 * 1024;
const FILES = Number(process.env.BENCH_FILES ?? 40);
const FILE_BYTES = Number(process.env.BENCH_FILE_BYTES ?? 10 * MIB);
const SLOT = Number(process.env.BENCH_SLOT ?? 9);
const MAX_ATTEMPTS = 100;

/** The i-th file: one shared random body with its own first 16 bytes, so no two files are alike. */
function fileParts(base: Buffer, index: number): Buffer[] {
  const stamp = Buffer.alloc(16);
  stamp.writeUInt32BE(index, 0);
  randomBytes(12).copy(stamp, 4);
  return [stamp, base.subarray(16)];
}

/** One multipart upload through the gateway, streamed from the parts without copying them. */
function uploadOnce(gateway: URL, path: string, key: string, parts: Buffer[]): Promise<Answer> {
  const boundary = `----bench${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bench.bin"\r\n` +
      'Content-Type: application/octet-stream\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + parts.reduce((n, p) => n + p.length, 0) + tail.length;
  return new Promise<Answer>((resolve, reject) => {
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
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        // a refusal may come before the body is sent; stop sending it
        request.destroy();
        resolve({
          status: response.statusCode ?? 0,
          retryAfter: Number(response.headers['retry-after'] ?? 1),
          body: Buffer.concat(chunks).toString(),
        });
      });
    });
    for (const chunk of [head, ...parts]) request.write(chunk);
    request.end(tail);
  });
}

const TOTAL_MIB = (FILES * FILE_BYTES) / MIB;
const rate = (seconds: number) => (TOTAL_MIB / seconds).toFixed(1);
const cpuPerMiB = (usage: Usage[]) =>
  usage.map((u) => `${u.name} ${((u.cpuSeconds * 1000) / TOTAL_MIB).toFixed(2)}`).join(', ');

async function timed(
  roots: Record<string, number>,
  run: () => Promise<void>,
): Promise<{ seconds: number; usage: Usage[] }> {
  const usage = startUsage(roots);
  const start = process.hrtime.bigint();
  await run();
  return { seconds: Number(process.hrtime.bigint() - start) / 1e9, usage: usage() };
}

/** The peak RSS each upload more in flight adds: the slope between the lowest and highest concurrency run. */
function perUpload(peaks: Map<number, number>): string {
  const levels = [...peaks.keys()].sort((a, b) => a - b);
  const [low, high] = [levels[0], levels[levels.length - 1]];
  if (low === high) return 'n/a (one concurrency)';
  return `${((peaks.get(high)! - peaks.get(low)!) / (high - low) / MIB).toFixed(1)} MiB`;
}

/** The processes an upload passes through, by their pid files in the test profile's run directory. */
function processRoots(env: BenchEnv, attachmentPid: number): Record<string, number> {
  const run = join(ROOT, '.local/run/test');
  const pidIn = (file: string) => Number(readFileSync(file, 'utf8').split('\n')[0].trim());
  return {
    'attachment-service': attachmentPid,
    nginx: pidIn(join(run, `nginx-${new URL(env.GATEWAY_URL).port}/nginx.pid`)),
    minio: pidIn(join(run, 'minio/minio.pid')),
    postgres: pidIn(join(run, 'postgres/data/postmaster.pid')),
  };
}

const PROFILE_DIR = process.env.BENCH_PROFILE;

/** Runs `run` inside a CPU profile of the process (scripts/bench/profile-hook.ts) and prints where it went. */
async function profiled(
  child: ChildProcess,
  label: string,
  run: () => Promise<void>,
): Promise<void> {
  if (!PROFILE_DIR) return run();
  const file = join(PROFILE_DIR, `${label}.cpuprofile`);
  rmSync(file, { force: true });
  writeFileSync(join(PROFILE_DIR, 'label'), label);
  child.kill('SIGWINCH');
  await run();
  child.kill('SIGWINCH');
  await waitFor('the profile', async () => readFileSync(file).length > 0);
  console.log(
    `  profile of ${label}:\n${summarize(JSON.parse(readFileSync(file, 'utf8')) as Profiler.Profile, 12)}`,
  );
}

async function main(): Promise<void> {
  if (PROFILE_DIR) mkdirSync(PROFILE_DIR, { recursive: true });
  const profileEnv: Record<string, string> = PROFILE_DIR
    ? {
        NODE_OPTIONS: `--require tsx/cjs --require ${join(__dirname, 'profile-hook.ts')}`,
        BENCH_PROFILE: PROFILE_DIR,
      }
    : {};
  const { env, children, cleanup, cleanups } = await startStack(SLOT, {
    'ticket-api': {},
    'attachment-service': { SWEEP_INTERVAL_MS: '0', ...profileEnv },
  });
  const attachments = children['attachment-service']!;
  try {
    const gateway = new URL(env.GATEWAY_URL);
    const response = await fetch(`http://127.0.0.1:${env.ATTACHMENT_PORT}/health`);
    const health = (await response.json()) as {
      uploads: { capacity: number; perAccount: number; partSize: number };
    };
    const { capacity, perAccount, partSize } = health.uploads;
    // enough accounts that the per-account cap never refuses an upload the instance has room for
    const accounts = await Promise.all(
      Array.from({ length: Math.ceil(capacity / perAccount) }, async () => {
        const accountId = `bench-${randomBytes(4).toString('hex')}`;
        const key = createApiKey(env, accountId);
        const ticketId = await openTicket(env, key, accountId, 'Attachment throughput');
        return { key, ticketId, path: `/api/Ticket/${ticketId}/attachment?accountId=${accountId}` };
      }),
    );

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
    const directPrefix = `bench/${randomBytes(4).toString('hex')}/`;
    cleanups.push(async () => {
      const keys: string[] = [];
      const uploaded = accounts.map((a) => `uploads/tickets/${a.ticketId}/`);
      for (const prefix of [directPrefix, ...uploaded]) {
        for await (const item of minio.listObjectsV2(env.S3_BUCKET, prefix, true)) {
          keys.push((item as { name: string }).name);
        }
      }
      await minio.removeObjects(env.S3_BUCKET, keys);
    });

    // one of each first, so neither path pays for connection set-up or JIT warm-up inside the timing
    const warm = await uploadOnce(gateway, accounts[0].path, accounts[0].key, files[0]);
    if (warm.status !== 201) throw new Error(`warm-up upload: ${warm.status} ${warm.body}`);
    await minio.putObject(env.S3_BUCKET, `${directPrefix}warm`, Buffer.concat(files[0]));

    const rssBefore = memoryOf(attachments.pid!).current;
    const roots = processRoots(env, attachments.pid!);
    const upload = async (i: number, worker: number): Promise<number> => {
      const { path, key } = accounts[Math.floor(worker / perAccount) % accounts.length];
      for (let attempt = 1; ; attempt++) {
        const answer = await uploadOnce(gateway, path, key, files[i]);
        if (answer.status === 201) {
          if ((JSON.parse(answer.body) as { sha256: string }).sha256 !== digests[i])
            throw new Error(`file ${i}: checksum differs`);
          return attempt - 1;
        }
        if (answer.status !== 503 || attempt >= MAX_ATTEMPTS) {
          throw new Error(`file ${i}: ${answer.status} ${answer.body}`);
        }
        await new Promise((resolve) => setTimeout(resolve, answer.retryAfter * 1000));
      }
    };
    const put = (i: number) =>
      minio.putObject(env.S3_BUCKET, `${directPrefix}${i}`, Buffer.concat(files[i]), FILE_BYTES);
    const levels = (process.env.BENCH_CONCURRENCY ?? `2,${capacity}`).split(',').map(Number);
    const rows: string[] = [];
    const peaks = new Map<number, number>();
    for (const concurrency of levels) {
      let refusals = 0;
      const gatewayRun = () =>
        pool(FILES, concurrency, async (i, worker) => void (refusals += await upload(i, worker)));
      const viaGateway = await timed(roots, () =>
        concurrency === capacity
          ? profiled(attachments, `uploads-${concurrency}`, gatewayRun)
          : gatewayRun(),
      );
      const peak = viaGateway.usage.find((u) => u.name === 'attachment-service')!.peakRssBytes;
      peaks.set(concurrency, peak);
      const direct = await timed(roots, () =>
        pool(FILES, concurrency, async (i) => void (await put(i))),
      );
      rows.push(
        `  ${concurrency} in flight: gateway ${rate(viaGateway.seconds)} MiB/s, direct ${rate(direct.seconds)} MiB/s, ` +
          `ratio ${(direct.seconds / viaGateway.seconds).toFixed(2)} (${refusals} x 503 retried)`,
        `    CPU ms per MiB through the gateway: ${cpuPerMiB(viaGateway.usage)}`,
        `    CPU ms per MiB direct             : ${cpuPerMiB(direct.usage)}`,
        `    attachment-service peak RSS during the gateway run: ${(peak / MIB).toFixed(1)} MiB`,
      );
    }
    const memory = memoryOf(attachments.pid!);
    const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
    console.log(
      [
        `attachments benchmark: ${FILES} files x ${mib(FILE_BYTES)} per run, gateway then direct putObject, loopback`,
        ...rows,
        `  attachment-service: peak RSS (VmHWM) ${mib(memory.peak)}, RSS ${mib(rssBefore)} before the runs, ${mib(memory.current)} after`,
        `  memory per in-flight upload: ${perUpload(peaks)} (peak RSS between the lowest and highest concurrency, per upload more in flight; target <= 6 MiB)`,
        `  upload memory bound: ${capacity} uploads at once (${perAccount} per account, ${accounts.length} accounts) x ${mib(partSize)} part = ${mib(capacity * partSize)} of part buffers`,
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
