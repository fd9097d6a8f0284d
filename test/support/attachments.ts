import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import type { ClientRequest, IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Client } from 'minio';
import { minioClient } from '../../apps/attachment-service/src/storage/minio-object-storage';
import { testPool } from './api-keys';
import { endpoints } from './endpoints';
import { api } from './http';
import type { ApiResponse } from './http';

export const MIB = 1024 * 1024;
export const TEN_MB = 10 * MIB;

export const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

export const randomFile = (size: number): Buffer => randomBytes(size);

export const attachmentPath = (ticketId: number, accountId: string, attachmentId?: number) =>
  `/api/Ticket/${ticketId}/attachment${attachmentId === undefined ? '' : `/${attachmentId}`}` +
  `?accountId=${encodeURIComponent(accountId)}`;

export const ticketPrefix = (ticketId: number): string => `uploads/tickets/${ticketId}/`;

export interface UploadOptions {
  fileName?: string;
  contentType?: string;
  messageId?: number | string;
  /** The internal note the file belongs to (sent before the file). */
  noteId?: number;
  /** Send messageId before the file instead of after it (curl's -F order). */
  messageIdFirst?: boolean;
  /** Extra request headers, such as Idempotency-Key or If-Match. */
  headers?: Record<string, string>;
}

/** POST /api/Ticket/{id}/attachment through the gateway, as a browser's FormData would send it. */
export async function upload(
  key: string,
  accountId: string,
  ticketId: number,
  content: Buffer,
  options: UploadOptions = {},
): Promise<ApiResponse> {
  const form = new FormData();
  if (options.noteId !== undefined) form.append('noteId', String(options.noteId));
  const messageId = options.messageId === undefined ? [] : [String(options.messageId)];
  if (options.messageIdFirst) messageId.forEach((id) => form.append('messageId', id));
  form.append(
    'file',
    new Blob([content], { type: options.contentType ?? 'application/octet-stream' }),
    options.fileName ?? 'file.bin',
  );
  if (!options.messageIdFirst) messageId.forEach((id) => form.append('messageId', id));
  return api('POST', attachmentPath(ticketId, accountId), {
    key,
    rawBody: form,
    headers: options.headers,
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const isBusy = (status: number, code: unknown): boolean =>
  status === 503 && code === 'TOO_MANY_UPLOADS';

/**
 * Sends again, after its Retry-After, an upload the service refused with 503 TOO_MANY_UPLOADS (as a client
 * should), so a spec is not failed by another spec that holds every upload place at that moment.
 */
export async function retryWhileBusy<T extends { status: number; body: any }>(
  send: () => Promise<T>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let answer = await send();
  while (isBusy(answer.status, answer.body?.code) && Date.now() < deadline) {
    await sleep(1_000);
    answer = await send();
  }
  return answer;
}

export interface Download {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** GET /api/Ticket/{id}/attachment/{attachmentId} through the gateway, the body as bytes. */
export async function download(
  key: string,
  accountId: string,
  ticketId: number,
  attachmentId: number,
  headers: Record<string, string> = {},
): Promise<Download> {
  const response = await fetch(
    `${endpoints().GATEWAY_URL}${attachmentPath(ticketId, accountId, attachmentId)}`,
    { headers: { 'x-api-key': key, ...headers }, signal: AbortSignal.timeout(30_000) },
  );
  return {
    status: response.status,
    headers: response.headers,
    body: Buffer.from(await response.arrayBuffer()),
  };
}

let client: Client | undefined;

/** A MinIO client of its own, to look at the bucket behind the service's back. */
export const storageClient = (): Client =>
  (client ??= minioClient({
    endpoint: endpoints().S3_ENDPOINT,
    accessKey: endpoints().S3_ACCESS_KEY,
    secretKey: endpoints().S3_SECRET_KEY,
    region: 'us-east-1',
  }));

export async function objectsUnder(prefix: string): Promise<string[]> {
  const names: string[] = [];
  for await (const item of storageClient().listObjectsV2(endpoints().S3_BUCKET, prefix, true)) {
    if ((item as { name?: string }).name) names.push((item as { name: string }).name);
  }
  return names;
}

/** Unfinished multipart uploads of one key (MinIO lists them per exact key, not per prefix). */
export async function unfinishedUploadsOf(key: string): Promise<string[]> {
  const page = await storageClient().listIncompleteUploadsQuery(
    endpoints().S3_BUCKET,
    key,
    '',
    '',
    '',
  );
  return page.uploads.filter((u) => u.key === key).map((u) => u.uploadId);
}

/** Keys of the uploads of a ticket that are between their first stored byte and their event. */
export async function uploadsInFlight(ticketId: number): Promise<string[]> {
  const { rows } = await testPool().query<{ object_key: string }>(
    'SELECT object_key FROM attachment_uploads WHERE ticket_id = $1 ORDER BY object_key',
    [ticketId],
  );
  return rows.map((row) => row.object_key);
}

export async function attachmentEvents(ticketId: number): Promise<number> {
  const { rows } = await testPool().query<{ n: string }>(
    `SELECT count(*) AS n FROM events WHERE stream_id = $1 AND event_type = 'AttachmentAdded'`,
    [`ticket-${ticketId}`],
  );
  return Number(rows[0].n);
}

/** The attachment-service's own health, past the gateway: upload places in use and the cap. */
export interface UploadPlaces {
  inFlight: number;
  capacity: number;
  perAccount: number;
}

export async function uploadPlaces(): Promise<UploadPlaces> {
  const response = await fetch(`http://127.0.0.1:${endpoints().ATTACHMENT_PORT}/health`);
  return ((await response.json()) as { uploads: UploadPlaces }).uploads;
}

export interface HeldUpload {
  readonly request: ClientRequest;
  readonly response: Promise<IncomingMessage>;
  /** Sends more of the file. */
  write(bytes: Buffer): Promise<void>;
  /** Sends the rest of the file and the closing boundary, and reads the answer. */
  finish(rest: Buffer): Promise<{ status: number; headers: IncomingHttpHeaders; body: any }>;
}

/**
 * A multipart upload through the gateway over a raw socket that announces `declaredSize` file bytes and
 * sends only what it is told to, so a test can hold it open or cut it off mid-body. The file is sent as
 * "held.bin", application/octet-stream.
 */
export function startUpload(
  key: string,
  accountId: string,
  ticketId: number,
  declaredSize: number,
  headers: Record<string, string> = {},
): HeldUpload {
  const boundary = `----held${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="held.bin"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const gateway = new URL(endpoints().GATEWAY_URL);
  const request = httpRequest({
    host: gateway.hostname,
    port: gateway.port,
    method: 'POST',
    path: attachmentPath(ticketId, accountId),
    headers: {
      ...headers,
      'x-api-key': key,
      'content-type': `multipart/form-data; boundary=${boundary}`,
      'content-length': String(head.length + declaredSize + tail.length),
    },
    agent: false,
  });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    request.on('response', resolve);
    request.on('error', reject);
  });
  response.catch(() => undefined);
  request.flushHeaders();
  request.write(head);
  const write = (bytes: Buffer) =>
    new Promise<void>((resolve, reject) =>
      request.write(bytes, (e) => (e ? reject(e) : resolve())),
    );
  return {
    request,
    response,
    write,
    async finish(rest) {
      await write(rest);
      request.end(tail);
      const answer = await response;
      const chunks: Buffer[] = [];
      for await (const chunk of answer) chunks.push(chunk as Buffer);
      return {
        status: answer.statusCode ?? 0,
        headers: answer.headers,
        body: JSON.parse(Buffer.concat(chunks).toString()),
      };
    },
  };
}

/**
 * startUpload, once the service has admitted it: its first bytes sent and its journal entry open (so the
 * ticket was checked, any Idempotency-Key claimed, and the file is streaming to MinIO). Started again while
 * the service answers 503 TOO_MANY_UPLOADS. The ticket must have no other upload in flight.
 */
export async function startAdmittedUpload(
  key: string,
  accountId: string,
  ticketId: number,
  declaredSize: number,
  first: Buffer,
  headers: Record<string, string> = {},
  timeoutMs = 20_000,
): Promise<HeldUpload & { objectKey: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const held = startUpload(key, accountId, ticketId, declaredSize, headers);
    let refusedAs: number | undefined;
    held.response.then(
      (answer) => (refusedAs = answer.statusCode),
      () => undefined,
    );
    await held.write(first).catch(() => undefined);
    let keys: string[] = [];
    while (Date.now() < deadline && refusedAs === undefined) {
      keys = await uploadsInFlight(ticketId);
      if (keys.length === 1) return { ...held, objectKey: keys[0] };
      await sleep(50);
    }
    held.request.destroy();
    if (refusedAs !== 503 || Date.now() >= deadline) {
      throw new Error(`the upload was not admitted (answered ${refusedAs ?? 'nothing'})`);
    }
    await sleep(1_000);
  }
}
