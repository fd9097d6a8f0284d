// `npm run bench:attachments`: 50 files of 10 MB uploaded 20 at a time through the gateway, the same files
// PUT straight to MinIO in the same run, and the attachment-service's peak memory.
//
// Starts its own ticket-api, attachment-service and nginx gateway from dist/ on ports of their own (the
// test profile moved by BENCH_SLOT*10, default 9), on the test profile's PostgreSQL, Kafka and MinIO
// (started when not running, and stopped again afterwards). Loopback only.
//
//   BENCH_FILES=50 BENCH_CONCURRENCY=20 BENCH_FILE_BYTES=10485760  the workload
//   MAX_CONCURRENT_UPLOADS=8 S3_PART_SIZE=5242880                  passed to the attachment-service
import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import { Client } from 'minio';
import { createApiKey, memoryOf, openTicket, pool, startStack } from './bench-stack';

interface Answer {
  status: number;
  retryAfter: number;
  body: string;
}

const MIB = 1024 * 1024;
const FILES = Number(process.env.BENCH_FILES ?? 50);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 20);
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

async function main(): Promise<void> {
  const { env, children, cleanup, cleanups } = await startStack(SLOT, {
    'ticket-api': {},
    'attachment-service': { SWEEP_INTERVAL_MS: '0' },
  });
  const attachments = children['attachment-service']!;
  try {
    const gateway = new URL(env.GATEWAY_URL);
    const accountId = `bench-${randomBytes(4).toString('hex')}`;
    const key = createApiKey(env, accountId);
    const ticketId = await openTicket(env, key, accountId, 'Attachment throughput');
    const path = `/api/Ticket/${ticketId}/attachment?accountId=${accountId}`;
    const response = await fetch(`http://127.0.0.1:${env.ATTACHMENT_PORT}/health`);
    const health = (await response.json()) as { uploads: { capacity: number; partSize: number } };
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
      const keys: string[] = [];
      for (const prefix of [directPrefix, `uploads/tickets/${ticketId}/`]) {
        for await (const item of minio.listObjectsV2(env.S3_BUCKET, prefix, true)) {
          keys.push((item as { name: string }).name);
        }
      }
      await minio.removeObjects(env.S3_BUCKET, keys);
    });

    // one of each first, so neither path pays for connection set-up or JIT warm-up inside the timing
    const warm = await uploadOnce(gateway, path, key, files[0]);
    if (warm.status !== 201) throw new Error(`warm-up upload: ${warm.status} ${warm.body}`);
    await minio.putObject(env.S3_BUCKET, `${directPrefix}warm`, Buffer.concat(files[0]));

    const rssBefore = memoryOf(attachments.pid!).current;
    let refusals = 0;
    const gatewayStart = process.hrtime.bigint();
    await pool(FILES, CONCURRENCY, async (i) => {
      for (let attempt = 1; ; attempt++) {
        const answer = await uploadOnce(gateway, path, key, files[i]);
        if (answer.status === 201) {
          if ((JSON.parse(answer.body) as { sha256: string }).sha256 !== digests[i])
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
    const memory = memoryOf(attachments.pid!);

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
    const mib = (bytes: number) => `${(bytes / MIB).toFixed(1)} MiB`;
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
