import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PgUploadJournal } from '../../apps/attachment-service/src/attachments/shared/upload-journal';
import { OrphanSweeper } from '../../apps/attachment-service/src/attachments/sweep-orphans/orphan-sweeper';
import { MinioObjectStorage } from '../../apps/attachment-service/src/storage/minio-object-storage';
import { closeTestPool, customerKey, newAccountId, staffKey, testPool } from '../support/api-keys';
import {
  attachmentEvents,
  attachmentPath,
  download,
  MIB,
  objectsUnder,
  randomFile,
  sha256,
  startUpload,
  storageClient,
  TEN_MB,
  ticketPrefix,
  unfinishedUploadsOf,
  upload,
  uploadsInFlight,
} from '../support/attachments';
import { endpoints } from '../support/endpoints';
import { api, eventually } from '../support/http';
import { openTicket } from '../support/tickets';

const READ_MODEL_MS = 10_000;

jest.setTimeout(60_000);

describe('attachments: upload, download, and nothing left behind', () => {
  let accountId: string;
  let customer: string;
  let staff: string;

  beforeAll(async () => {
    staff = await staffKey();
  });
  beforeEach(async () => {
    accountId = newAccountId();
    customer = await customerKey(accountId);
  });
  afterAll(closeTestPool);

  const reply = async (ticketId: number, message = 'See the attached screenshot.') => {
    const response = await api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
      key: customer,
      body: { message },
    });
    expect(response.status).toBe(201);
    return response.body.id as number;
  };

  /** Downloads once the projector has recorded the attachment. */
  const downloadWhenProjected = (
    ticketId: number,
    attachmentId: number,
    headers: Record<string, string> = {},
    key = customer,
  ) =>
    eventually(
      () => download(key, accountId, ticketId, attachmentId, headers),
      (r) => r.status !== 404,
      READ_MODEL_MS,
    );

  it('"curl -X POST .../attachment?accountId=123 -F file=@screenshot.png -F messageId=456": the seed\'s curl upload and download round-trip byte for byte', async () => {
    const ticketId = await openTicket(customer, accountId);
    const messageId = await reply(ticketId);
    const dir = mkdtempSync(join(tmpdir(), 'attachment-e2e-'));
    try {
      const original = Buffer.concat([
        Buffer.from('89504e470d0a1a0a', 'hex'),
        randomFile(3 * MIB + 12_345),
      ]);
      writeFileSync(join(dir, 'screenshot.png'), original);
      const url = `${endpoints().GATEWAY_URL}${attachmentPath(ticketId, accountId)}`;
      const uploaded = JSON.parse(
        execFileSync(
          'curl',
          [
            '-sS',
            '-X',
            'POST',
            url,
            '-H',
            `X-API-Key: ${customer}`,
            '-F',
            'file=@screenshot.png',
            '-F',
            `messageId=${messageId}`,
          ],
          { cwd: dir, encoding: 'utf8' },
        ),
      );
      expect(uploaded).toEqual({
        id: expect.any(Number),
        ticketId,
        messageId,
        fileName: 'screenshot.png',
        contentType: 'image/png',
        size: original.length,
        sha256: sha256(original),
        uploadedBy: 'customer',
        uploadedByLabel: 'You',
        createdAt: expect.any(String),
        ticketVersion: 3,
      });

      const [objectKey] = await objectsUnder(ticketPrefix(ticketId));
      expect(objectKey).toMatch(new RegExp(`^uploads/tickets/${ticketId}/[A-Za-z0-9_-]{32}$`));

      const downloadUrl = `${endpoints().GATEWAY_URL}${attachmentPath(ticketId, accountId, uploaded.id)}`;
      const curlDownload = () =>
        execFileSync(
          'curl',
          ['-sS', downloadUrl, '-H', `X-API-Key: ${customer}`, '--output', 'downloaded.png'],
          { cwd: dir, encoding: 'utf8' },
        );
      await eventually(
        async () => (curlDownload(), sha256(readFileSync(join(dir, 'downloaded.png')))),
        (digest) => digest === sha256(original),
        READ_MODEL_MS,
      );
      expect(readFileSync(join(dir, 'downloaded.png')).equals(original)).toBe(true);

      const response = await download(customer, accountId, ticketId, uploaded.id);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/png');
      expect(response.headers.get('content-length')).toBe(String(original.length));
      expect(response.headers.get('content-disposition')).toBe(
        `attachment; filename="screenshot.png"; filename*=UTF-8''screenshot.png`,
      );
      expect(response.headers.get('etag')).toBe(`"${sha256(original)}"`);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('accept-ranges')).toBe('bytes');

      const detail = await api(
        'GET',
        `/api/Ticket/${ticketId}?accountId=${accountId}&minVersion=${uploaded.ticketVersion}`,
        { key: customer },
      );
      expect(detail.status).toBe(200);
      expect(detail.body.messages[0].attachments).toEqual([
        expect.objectContaining({ id: uploaded.id, messageId, uploadedByLabel: 'You' }),
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('"Max file size: 10 MB": a file of exactly 10 MB (10 x 1024 x 1024 bytes) is accepted', async () => {
    const ticketId = await openTicket(customer, accountId);
    const file = randomFile(TEN_MB);
    const response = await upload(customer, accountId, ticketId, file, { fileName: 'ten.bin' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ size: TEN_MB, sha256: sha256(file), messageId: null });
    expect(response.headers.get('etag')).toBe('"2"');
    expect(response.headers.get('location')).toBe(
      attachmentPath(ticketId, accountId, response.body.id),
    );
    const fetched = await downloadWhenProjected(ticketId, response.body.id);
    expect(fetched.status).toBe(200);
    expect(sha256(fetched.body)).toBe(sha256(file));
  });

  it('"re-checked server-side with a 400 "File size exceeds 10 MB limit."": 10 MB + 1 byte is refused, no object is left in the bucket and no event is appended', async () => {
    const ticketId = await openTicket(customer, accountId);
    const response = await upload(customer, accountId, ticketId, randomFile(TEN_MB + 1));
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(response.body).toMatchObject({
      status: 400,
      code: 'FILE_TOO_LARGE',
      detail: 'File size exceeds 10 MB limit.',
    });
    expect(await objectsUnder(ticketPrefix(ticketId))).toEqual([]);
    expect(await uploadsInFlight(ticketId)).toEqual([]);
    expect(await attachmentEvents(ticketId)).toBe(0);
  });

  it('"capped by RequestSizeLimit": a body far over the cap is refused by the gateway before the service', async () => {
    const ticketId = await openTicket(customer, accountId);
    const response = await upload(customer, accountId, ticketId, randomFile(12 * MIB));
    expect(response.status).toBe(413);
    expect(await objectsUnder(ticketPrefix(ticketId))).toEqual([]);
  });

  it('a client that disconnects mid-upload leaves no object and no unfinished upload', async () => {
    const ticketId = await openTicket(customer, accountId);
    const held = startUpload(customer, accountId, ticketId, 8 * MIB);
    let key: string;
    try {
      // more than one 5 MiB part, so a multipart upload is under way when the client goes
      await held.write(randomFile(6 * MIB));
      const inFlight = await eventually(
        () => uploadsInFlight(ticketId),
        (keys) => keys.length === 1,
        READ_MODEL_MS,
      );
      expect(inFlight).toHaveLength(1);
      key = inFlight[0];
      const started = await eventually(
        () => unfinishedUploadsOf(key),
        (ids) => ids.length === 1,
        READ_MODEL_MS,
      );
      expect(started).toHaveLength(1);
    } finally {
      held.request.destroy();
    }

    const left = await eventually(
      async () => [
        ...(await uploadsInFlight(ticketId)),
        ...(await unfinishedUploadsOf(key)),
        ...(await objectsUnder(ticketPrefix(ticketId))),
      ],
      (keys) => keys.length === 0,
      READ_MODEL_MS,
    );
    expect(left).toEqual([]);
    expect(await attachmentEvents(ticketId)).toBe(0);
  });

  it('"Pass an optional messageId to tie the file to a specific reply": a message of another ticket is 404, whichever field comes first, and no file is kept', async () => {
    const ticketId = await openTicket(customer, accountId);
    const otherTicketId = await openTicket(customer, accountId);
    const otherMessageId = await reply(otherTicketId);
    for (const messageIdFirst of [false, true]) {
      const response = await upload(customer, accountId, ticketId, randomFile(64 * 1024), {
        messageId: otherMessageId,
        messageIdFirst,
      });
      expect(response.status).toBe(404);
      expect(response.body.code).toBe('MESSAGE_NOT_FOUND');
    }
    expect(await objectsUnder(ticketPrefix(ticketId))).toEqual([]);
    expect(await attachmentEvents(ticketId)).toBe(0);
  });

  it('"Once a ticket is Closed ... no further messages can be added": a closed ticket takes no file (400)', async () => {
    const ticketId = await openTicket(customer, accountId);
    const closed = await api('POST', `/api/Ticket/${ticketId}/close?accountId=${accountId}`, {
      key: customer,
    });
    expect(closed.status).toBe(200);
    const response = await upload(customer, accountId, ticketId, randomFile(1024));
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('TICKET_CLOSED');
    expect(await objectsUnder(ticketPrefix(ticketId))).toEqual([]);
  });

  it('"no further messages can be added" holds when the ticket closes while the file streams: 400, and the stored file is deleted', async () => {
    const ticketId = await openTicket(customer, accountId);
    const held = startUpload(customer, accountId, ticketId, 2 * MIB);
    await held.write(randomFile(MIB));
    await eventually(
      () => uploadsInFlight(ticketId),
      (keys) => keys.length === 1,
      READ_MODEL_MS,
    );
    const closed = await api('POST', `/api/Ticket/${ticketId}/close?accountId=${accountId}`, {
      key: customer,
    });
    expect(closed.status).toBe(200);

    const answer = await held.finish(randomFile(MIB));
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('TICKET_CLOSED');
    expect(await objectsUnder(ticketPrefix(ticketId))).toEqual([]);
    expect(await uploadsInFlight(ticketId)).toEqual([]);
    expect(await attachmentEvents(ticketId)).toBe(0);
  });

  it('a ticket of another account takes no file and gives none (404), and an unknown ticket is 404', async () => {
    const ticketId = await openTicket(customer, accountId);
    const stored = await upload(customer, accountId, ticketId, randomFile(1024));
    expect(stored.status).toBe(201);
    await downloadWhenProjected(ticketId, stored.body.id);

    const intruder = newAccountId();
    const intruderKey = await customerKey(intruder);
    const refused = await upload(intruderKey, intruder, ticketId, randomFile(1024));
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('TICKET_NOT_FOUND');
    const hidden = await download(intruderKey, intruder, ticketId, stored.body.id);
    expect(hidden.status).toBe(404);
    expect(JSON.parse(hidden.body.toString()).code).toBe('ATTACHMENT_NOT_FOUND');
    // staff act for any account, but the ticket still has to belong to the account they name
    expect((await download(staff, intruder, ticketId, stored.body.id)).status).toBe(404);
    expect((await upload(customer, accountId, 999_999_999, randomFile(10))).status).toBe(404);
    expect(await objectsUnder(ticketPrefix(ticketId))).toHaveLength(1);
  });

  it('both routes need an X-API-Key and an accountId', async () => {
    const ticketId = await openTicket(customer, accountId);
    const anonymous = await api('POST', attachmentPath(ticketId, accountId), {
      rawBody: new FormData(),
    });
    expect(anonymous.status).toBe(401);
    const noAccount = await api('GET', `/api/Ticket/${ticketId}/attachment/1`, { key: customer });
    expect(noAccount.status).toBe(400);
  });

  it('a non-ASCII file name survives the round trip (RFC 6266 filename*)', async () => {
    const ticketId = await openTicket(customer, accountId);
    const fileName = 'Résumé – 日本語 файл.pdf';
    const file = randomFile(2048);
    const response = await upload(customer, accountId, ticketId, file, {
      fileName,
      contentType: 'application/pdf',
    });
    expect(response.status).toBe(201);
    expect(response.body.fileName).toBe(fileName);
    const fetched = await downloadWhenProjected(ticketId, response.body.id);
    const disposition = fetched.headers.get('content-disposition')!;
    expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''/);
    const encoded = /filename\*=UTF-8''(.+)$/.exec(disposition)![1];
    expect(decodeURIComponent(encoded)).toBe(fileName);
    expect(fetched.headers.get('content-type')).toBe('application/pdf');
    expect(fetched.body.equals(file)).toBe(true);
  });

  it('a path or control characters in the file name are not kept', async () => {
    const ticketId = await openTicket(customer, accountId);
    const response = await upload(customer, accountId, ticketId, randomFile(10), {
      fileName: '../../etc/pass\u0007wd',
    });
    expect(response.status).toBe(201);
    expect(response.body.fileName).toBe('passwd');
  });

  it('"Range" requests get 206 with exactly those bytes, and a range past the end 416', async () => {
    const ticketId = await openTicket(customer, accountId);
    const file = randomFile(MIB);
    const { body } = await upload(customer, accountId, ticketId, file);
    await downloadWhenProjected(ticketId, body.id);

    const middle = await download(customer, accountId, ticketId, body.id, {
      range: 'bytes=1000-1999',
    });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe(`bytes 1000-1999/${MIB}`);
    expect(middle.headers.get('content-length')).toBe('1000');
    expect(middle.body.equals(file.subarray(1000, 2000))).toBe(true);

    const suffix = await download(customer, accountId, ticketId, body.id, { range: 'bytes=-10' });
    expect(suffix.status).toBe(206);
    expect(suffix.body.equals(file.subarray(MIB - 10))).toBe(true);

    const beyond = await download(customer, accountId, ticketId, body.id, {
      range: `bytes=${MIB}-`,
    });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${MIB}`);

    const unchanged = await download(customer, accountId, ticketId, body.id, {
      'if-none-match': `"${sha256(file)}"`,
    });
    expect(unchanged.status).toBe(304);
  });

  it('"Attachments — including ones the support team sends you": a staff upload is labelled Support Team and the customer downloads it', async () => {
    const ticketId = await openTicket(customer, accountId);
    const file = randomFile(4096);
    const sent = await upload(staff, accountId, ticketId, file, { fileName: 'fix.patch' });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ uploadedBy: 'staff', uploadedByLabel: 'Support Team' });

    const detail = await eventually(
      () => api('GET', `/api/Ticket/${ticketId}?accountId=${accountId}`, { key: customer }),
      (r) => r.status === 200 && r.body.attachments.length === 1,
      READ_MODEL_MS,
    );
    expect(detail.body.attachments).toEqual([
      expect.objectContaining({
        id: sent.body.id,
        fileName: 'fix.patch',
        uploadedBy: 'staff',
        uploadedByLabel: 'Support Team',
      }),
    ]);
    const fetched = await downloadWhenProjected(ticketId, sent.body.id);
    expect(fetched.body.equals(file)).toBe(true);
  });

  it('"Files per ticket (API): Multiple — upload again with repeated calls"', async () => {
    const ticketId = await openTicket(customer, accountId);
    const first = await upload(customer, accountId, ticketId, randomFile(100));
    const second = await upload(customer, accountId, ticketId, randomFile(200));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.ticketVersion).toBe(first.body.ticketVersion + 1);
    expect(await objectsUnder(ticketPrefix(ticketId))).toHaveLength(2);
  });

  it('the sweeper removes what a crash left behind once older than the grace period, and keeps what an event names', async () => {
    const ticketId = await openTicket(customer, accountId);
    const prefix = ticketPrefix(ticketId);
    const bucket = endpoints().S3_BUCKET;
    const journal = new PgUploadJournal(testPool());

    // crashed after storing the object, before the event
    const orphanKey = `${prefix}stored-then-crashed`;
    await journal.open(orphanKey, ticketId);
    await storageClient().putObject(bucket, orphanKey, randomFile(1000));
    // crashed mid-stream: a multipart upload never completed
    const cutKey = `${prefix}cut-mid-stream`;
    await journal.open(cutKey, ticketId);
    await storageClient().initiateNewMultipartUpload(bucket, cutKey, {});
    // crashed after the event, before its journal entry was closed
    const kept = await upload(customer, accountId, ticketId, randomFile(1000));
    expect(kept.status).toBe(201);
    const [referencedKey] = (await objectsUnder(prefix)).filter((k) => k !== orphanKey);
    await journal.open(referencedKey, ticketId);

    const graceMs = 60 * 60 * 1000;
    const sweeper = new OrphanSweeper(
      MinioObjectStorage.fromSettings({
        endpoint: endpoints().S3_ENDPOINT,
        accessKey: endpoints().S3_ACCESS_KEY,
        secretKey: endpoints().S3_SECRET_KEY,
        region: 'us-east-1',
        bucket,
        partSize: 5 * MIB,
        pooledParts: 1,
      }),
      journal,
      graceMs,
    );

    const young = await sweeper.sweep({ ticketId });
    expect(young).toEqual({ removed: [], abortedUploads: 0, kept: [] });
    expect((await objectsUnder(prefix)).sort()).toEqual([orphanKey, referencedKey].sort());
    expect(await unfinishedUploadsOf(cutKey)).toHaveLength(1);

    const afterGrace = new Date(Date.now() + graceMs + 60_000);
    const old = await sweeper.sweep({ ticketId, now: afterGrace });
    expect(old.removed.sort()).toEqual([orphanKey, cutKey].sort());
    expect(old.abortedUploads).toBe(1);
    expect(old.kept).toEqual([referencedKey]);
    expect(await objectsUnder(prefix)).toEqual([referencedKey]);
    expect(await unfinishedUploadsOf(cutKey)).toEqual([]);
    expect(await uploadsInFlight(ticketId)).toEqual([]);
  });
});
