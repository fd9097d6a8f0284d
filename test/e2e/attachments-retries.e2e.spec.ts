import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeTestPool, customerKey, newAccountId } from '../support/api-keys';
import {
  attachmentEvents,
  attachmentPath,
  MIB,
  objectsUnder,
  randomFile,
  retryWhileBusy,
  sha256,
  startAdmittedUpload,
  ticketPrefix,
  unfinishedUploadsOf,
  upload,
  uploadsInFlight,
} from '../support/attachments';
import { endpoints } from '../support/endpoints';
import { api, eventually } from '../support/http';
import { openTicket } from '../support/tickets';

const WAIT_MS = 10_000;

jest.setTimeout(60_000);

describe('attachment uploads: safe retries with Idempotency-Key and If-Match', () => {
  let accountId: string;
  let customer: string;
  let ticketId: number;

  beforeEach(async () => {
    accountId = newAccountId();
    customer = await customerKey(accountId);
    ticketId = await openTicket(customer, accountId);
  });
  afterAll(closeTestPool);

  /** An upload through the gateway, sent again while another spec holds every upload place. */
  const send = (...args: Parameters<typeof upload>) => retryWhileBusy(() => upload(...args));

  const withKey = (idempotencyKey: string, headers: Record<string, string> = {}) => ({
    headers: { 'idempotency-key': idempotencyKey, ...headers },
  });

  const reply = async (message = 'Here is more detail.') => {
    const response = await api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
      key: customer,
      body: { message },
    });
    expect(response.status).toBe(201);
    return response.body as { id: number; ticketVersion: number };
  };

  /** Exactly one attachment event and one stored object: whatever the retries did, they added nothing. */
  const expectOneAttachment = async () => {
    expect(await attachmentEvents(ticketId)).toBe(1);
    expect(await objectsUnder(ticketPrefix(ticketId))).toHaveLength(1);
    expect(await uploadsInFlight(ticketId)).toEqual([]);
  };

  it('the same key and file replay the first 201 (body, Location, ETag) and store and append nothing', async () => {
    const { id: messageId } = await reply();
    const file = randomFile(2 * MIB + 321);
    const idempotencyKey = randomUUID();
    const options = { fileName: 'report.pdf', contentType: 'application/pdf', messageId };
    const first = await send(customer, accountId, ticketId, file, {
      ...options,
      ...withKey(idempotencyKey),
    });
    expect(first.status).toBe(201);
    expect(first.headers.get('idempotent-replayed')).toBeNull();
    expect(first.body).toMatchObject({ messageId, size: file.length, sha256: sha256(file) });

    // a browser's FormData picks a new boundary each time: the bytes on the wire differ, the upload does not
    const retry = await send(customer, accountId, ticketId, file, {
      ...options,
      ...withKey(idempotencyKey),
    });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('idempotent-replayed')).toBe('true');
    expect(retry.body).toEqual(first.body);
    expect(retry.headers.get('location')).toBe(first.headers.get('location'));
    expect(retry.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(retry.headers.get('etag')).toBe(`"${first.body.ticketVersion}"`);
    await expectOneAttachment();
  });

  it('curl -F retried with the same key replays (curl picks a random boundary each time)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'attachment-retry-e2e-'));
    try {
      const original = randomFile(700_000);
      writeFileSync(join(dir, 'screenshot.png'), original);
      const idempotencyKey = randomUUID();
      const curl = () =>
        execFileSync(
          'curl',
          [
            '-sS',
            '-D',
            '-',
            '-X',
            'POST',
            `${endpoints().GATEWAY_URL}${attachmentPath(ticketId, accountId)}`,
            '-H',
            `X-API-Key: ${customer}`,
            '-H',
            `Idempotency-Key: ${idempotencyKey}`,
            '-F',
            'file=@screenshot.png',
          ],
          { cwd: dir, encoding: 'utf8' },
        );
      // the last header block is the final answer's (curl may have been sent 100 Continue first)
      const parse = (raw: string) => {
        const blocks = raw.split('\r\n\r\n');
        const body = JSON.parse(blocks.pop() ?? '') as Record<string, unknown>;
        const head = (blocks.pop() ?? '').toLowerCase();
        return { status: Number(/^http\/1\.1 (\d{3})/.exec(head)?.[1]), head, body };
      };
      const first = await retryWhileBusy(async () => parse(curl()));
      const retry = await retryWhileBusy(async () => parse(curl()));
      expect(first.head).toMatch(/^http\/1\.1 201/);
      expect(retry.head).toMatch(/^http\/1\.1 201/);
      expect(first.head).not.toContain('idempotent-replayed');
      expect(retry.head).toContain('idempotent-replayed: true');
      expect(retry.body).toEqual(first.body);
      expect(first.body).toMatchObject({ fileName: 'screenshot.png', sha256: sha256(original) });
      await expectOneAttachment();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the same key with a different file, name or message is 422 IDEMPOTENCY_KEY_REUSED and leaves nothing', async () => {
    const { id: messageId } = await reply();
    const file = randomFile(MIB);
    const idempotencyKey = randomUUID();
    const first = await send(customer, accountId, ticketId, file, {
      fileName: 'a.bin',
      ...withKey(idempotencyKey),
    });
    expect(first.status).toBe(201);

    const otherFile = Buffer.from(file);
    otherFile[otherFile.length - 1] ^= 0xff;
    for (const [content, options] of [
      [otherFile, { fileName: 'a.bin' }],
      [file, { fileName: 'b.bin' }],
      [file, { fileName: 'a.bin', messageId }],
      [randomFile(MIB + 1), { fileName: 'a.bin' }],
    ] as const) {
      const other = await send(customer, accountId, ticketId, content, {
        ...options,
        ...withKey(idempotencyKey),
      });
      expect(other.status).toBe(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      expect(other.headers.get('idempotent-replayed')).toBeNull();
    }
    await expectOneAttachment();
  });

  it('two parallel uploads with one key: one 201, the other its replay or 409; one event, one object', async () => {
    const file = randomFile(4 * MIB);
    const idempotencyKey = randomUUID();
    const answers = await Promise.all(
      [0, 1].map(() => send(customer, accountId, ticketId, file, withKey(idempotencyKey))),
    );
    const fresh = answers.filter(
      (a) => a.status === 201 && a.headers.get('idempotent-replayed') === null,
    );
    expect(fresh).toHaveLength(1);
    const [other] = answers.filter((a) => a !== fresh[0]);
    if (other.status === 201) {
      expect(other.headers.get('idempotent-replayed')).toBe('true');
      expect(other.body).toEqual(fresh[0].body);
    } else {
      expect(other.status).toBe(409);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
      expect(other.headers.get('retry-after')).toBe('1');
    }
    await expectOneAttachment();
  });

  it('a retry while the first upload still streams is 409 with Retry-After: 1; after it, the retry replays', async () => {
    const file = randomFile(2 * MIB);
    const idempotencyKey = randomUUID();
    // admitted: the key is claimed and the file is streaming to MinIO
    const held = await startAdmittedUpload(
      customer,
      accountId,
      ticketId,
      file.length,
      file.subarray(0, MIB),
      { 'idempotency-key': idempotencyKey },
    );
    try {
      const duplicate = await send(customer, accountId, ticketId, file, {
        fileName: 'held.bin',
        ...withKey(idempotencyKey),
      });
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
      expect(duplicate.headers.get('retry-after')).toBe('1');

      const first = await held.finish(file.subarray(MIB));
      expect(first.status).toBe(201);
      const retry = await send(customer, accountId, ticketId, file, {
        fileName: 'held.bin',
        ...withKey(idempotencyKey),
      });
      expect(retry.status).toBe(201);
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.get('location')).toBe(first.headers.location);
      await expectOneAttachment();
    } finally {
      held.request.destroy();
    }
  });

  it('keys are scoped to the API key: another key of the account uploads afresh', async () => {
    const file = randomFile(64 * 1024);
    const idempotencyKey = randomUUID();
    const otherKey = await customerKey(accountId);
    const first = await send(customer, accountId, ticketId, file, withKey(idempotencyKey));
    const second = await send(otherKey, accountId, ticketId, file, withKey(idempotencyKey));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('idempotent-replayed')).toBeNull();
    expect(second.body.id).not.toBe(first.body.id);
    expect(await attachmentEvents(ticketId)).toBe(2);
  });

  it('If-Match: a stale ETag is 412 with the current one, stores nothing, and releases the key', async () => {
    const { ticketVersion } = await reply();
    const file = randomFile(MIB);
    const idempotencyKey = randomUUID();
    const stale = await send(
      customer,
      accountId,
      ticketId,
      file,
      withKey(idempotencyKey, { 'if-match': `"${ticketVersion - 1}"` }),
    );
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    expect(stale.headers.get('etag')).toBe(`"${ticketVersion}"`);
    expect(await objectsUnder(ticketPrefix(ticketId))).toEqual([]);
    expect(await uploadsInFlight(ticketId)).toEqual([]);
    expect(await attachmentEvents(ticketId)).toBe(0);

    // the failed upload released its key: the same key with the current ETag uploads
    const current = await send(
      customer,
      accountId,
      ticketId,
      file,
      withKey(idempotencyKey, { 'if-match': `"${ticketVersion}"` }),
    );
    expect(current.status).toBe(201);
    expect(current.headers.get('idempotent-replayed')).toBeNull();
    expect(current.headers.get('etag')).toBe(`"${ticketVersion + 1}"`);
    await expectOneAttachment();
  });

  it('If-Match: a ticket that moves on while the file streams is 412 and the stored object is deleted', async () => {
    const file = randomFile(8 * MIB);
    // more than one 5 MiB part, so a multipart upload is under way in MinIO when the ticket moves on
    const held = await startAdmittedUpload(
      customer,
      accountId,
      ticketId,
      file.length,
      file.subarray(0, 6 * MIB),
      { 'if-match': '"1"' },
    );
    const { objectKey } = held;
    try {
      const started = await eventually(
        () => unfinishedUploadsOf(objectKey),
        (ids) => ids.length === 1,
        WAIT_MS,
      );
      expect(started).toHaveLength(1);
      await reply('Meanwhile, on the ticket.');
      const answer = await held.finish(file.subarray(6 * MIB));
      expect(answer.status).toBe(412);
      expect(answer.body.code).toBe('PRECONDITION_FAILED');
      expect(answer.headers.etag).toBe('"2"');
    } finally {
      held.request.destroy();
    }
    expect(await objectsUnder(ticketPrefix(ticketId))).toEqual([]);
    expect(await unfinishedUploadsOf(objectKey)).toEqual([]);
    expect(await uploadsInFlight(ticketId)).toEqual([]);
    expect(await attachmentEvents(ticketId)).toBe(0);
  });

  it('a malformed If-Match or Idempotency-Key is 400 before anything is read', async () => {
    const file = randomFile(1024);
    const malformed: Record<string, string>[] = [
      { 'if-match': 'three' },
      { 'idempotency-key': 'k'.repeat(256) },
    ];
    for (const headers of malformed) {
      const answer = await send(customer, accountId, ticketId, file, { headers });
      expect(answer.status).toBe(400);
      expect(answer.body.code).toBe('VALIDATION_FAILED');
    }
    expect(await objectsUnder(ticketPrefix(ticketId))).toEqual([]);
  });
});
