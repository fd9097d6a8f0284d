import type { IncomingMessage } from 'node:http';
import { PgUploadJournal } from '../../apps/attachment-service/src/attachments/shared/upload-journal';
import { OrphanSweeper } from '../../apps/attachment-service/src/attachments/sweep-orphans/orphan-sweeper';
import { MinioObjectStorage } from '../../apps/attachment-service/src/storage/minio-object-storage';
import { closeTestPool, customerKey, newAccountId, testPool } from '../support/api-keys';
import {
  attachmentEvents,
  MIB,
  objectsUnder,
  randomFile,
  startAdmittedUpload,
  ticketPrefix,
  unfinishedUploadsOf,
  uploadsInFlight,
} from '../support/attachments';
import type { HeldUpload } from '../support/attachments';
import { endpoints } from '../support/endpoints';
import { infra, localServers } from '../support/infra';
import { openTicket } from '../support/tickets';

async function answerOf(response: Promise<IncomingMessage>) {
  const message = await response;
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return {
    status: message.statusCode,
    headers: message.headers,
    body: JSON.parse(Buffer.concat(chunks).toString()) as { code?: string },
  };
}

const TRICKLE_BYTES = 4 * 1024;

/** Sends `bytes` a little at a time until `done` settles, keeping the last 64 KiB back; returns what is left. */
async function trickleUntil(
  held: HeldUpload,
  bytes: Buffer,
  done: Promise<unknown>,
): Promise<Buffer> {
  let settled = false;
  done.then(
    () => (settled = true),
    () => (settled = true),
  );
  let sent = 0;
  const last = bytes.length - 64 * 1024;
  for (let i = 0; !settled && sent + TRICKLE_BYTES <= last && i < 2_000; i++) {
    const wrote = await held.write(bytes.subarray(sent, sent + TRICKLE_BYTES)).then(
      () => true,
      () => false,
    );
    if (!wrote) break;
    sent += TRICKLE_BYTES;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return bytes.subarray(sent);
}

const describeLocal = localServers() ? describe : describe.skip;

describeLocal('MinIO stopped mid-upload', () => {
  afterAll(async () => {
    await infra('start', 'minio');
    await closeTestPool();
  });

  it('the upload answers 503, no event is appended, and the sweeper leaves no object once MinIO is back', async () => {
    const accountId = newAccountId();
    const key = await customerKey(accountId);
    const ticketId = await openTicket(key, accountId);
    // past one 5 MiB part, so a multipart upload is open in MinIO when it stops
    const file = randomFile(8 * MIB);
    const held = await startAdmittedUpload(
      key,
      accountId,
      ticketId,
      file.length,
      file.subarray(0, 6 * MIB),
    );
    // the client keeps sending while MinIO stops: a client silent for a whole rate window is cut off
    const stopped = infra('stop', 'minio');
    const rest = await trickleUntil(held, file.subarray(6 * MIB), stopped);
    await stopped;
    // the rest with the closing boundary: the file's last part goes to the stopped MinIO; the service may
    // also answer (and stop reading) before the rest is sent
    const answer = await held.finish(rest).catch(() => answerOf(held.response));
    await infra('start', 'minio');

    expect(answer.status).toBe(503);
    expect(answer.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(answer.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(await attachmentEvents(ticketId)).toBe(0);

    const sweeper = new OrphanSweeper(
      MinioObjectStorage.fromSettings({
        endpoint: endpoints().S3_ENDPOINT,
        accessKey: endpoints().S3_ACCESS_KEY,
        secretKey: endpoints().S3_SECRET_KEY,
        region: 'us-east-1',
        bucket: endpoints().S3_BUCKET,
        partSize: 5 * MIB,
        pooledParts: 1,
      }),
      new PgUploadJournal(testPool()),
      0,
    );
    const [objectKey] = [held.objectKey];
    await sweeper.sweep({ ticketId, now: new Date(Date.now() + 60_000) });
    expect(await objectsUnder(ticketPrefix(ticketId))).toEqual([]);
    expect(await unfinishedUploadsOf(objectKey)).toEqual([]);
    expect(await uploadsInFlight(ticketId)).toEqual([]);
  }, 120_000);
});
