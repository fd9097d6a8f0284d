import { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import type { IdempotencyStore, PendingClaim } from '@app/platform/idempotency/idempotency.store';
import type { AttachmentServiceConfig } from '../../config/attachment-service.config';
import { describeUpload, uploadFingerprint } from './upload-fingerprint';
import type { UploadDescription } from './upload-fingerprint';
import type { FormPart } from './upload-form';
import { UploadIdempotency } from './upload-idempotency';
import type { UploadAnswer } from './upload-idempotency';

const URL = '/api/Ticket/1/attachment?accountId=acct-1';

/** A form that records whether anyone read it. */
function formOf(bytes: Buffer, fileName = 'shot.png', messageId?: string) {
  const read = { started: false };
  async function* parts(): AsyncIterable<FormPart> {
    read.started = true;
    yield {
      kind: 'file',
      name: 'file',
      fileName,
      contentType: 'image/png',
      content: Readable.from([bytes]),
    };
    if (messageId !== undefined) yield { kind: 'field', name: 'messageId', value: messageId };
  }
  return { form: parts(), read };
}

const answerFor = async (
  form: AsyncIterable<FormPart>,
): Promise<UploadAnswer<UploadDescription & { id: number }>> => {
  const described = await describeUpload(form);
  return { body: { id: 9, ...described }, headers: { etag: '"3"', location: '/x/9' } };
};

function setUp(claim: PendingClaim) {
  const store = {
    claimPending: jest.fn(async () => claim),
    completeWithFingerprint: jest.fn(async () => true),
    release: jest.fn(async () => undefined),
  };
  const idempotency = new UploadIdempotency(
    store as unknown as IdempotencyStore,
    {
      UPLOAD_TIMEOUT_MS: 600_000,
    } as AttachmentServiceConfig,
  );
  return { store, idempotency };
}

describe('UploadIdempotency', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['error', 'warn', 'log']));

  it('claims the key for longer than an upload may last, uploads, and records the content fingerprint', async () => {
    const { store, idempotency } = setUp({ outcome: 'claimed', token: 'pending:t1' });
    const { form } = formOf(Buffer.from('png bytes'), 'shot.png', '4');
    const answer = await idempotency.run({
      apiKeyId: 'k1',
      key: 'idem-1',
      url: URL,
      form,
      upload: () => answerFor(form),
    });
    expect(answer.replayed).toBeUndefined();
    expect(store.claimPending).toHaveBeenCalledWith('k1', 'idem-1', 660);
    expect(store.completeWithFingerprint).toHaveBeenCalledWith(
      'k1',
      'idem-1',
      'pending:t1',
      uploadFingerprint(URL, answer.body as UploadDescription),
      { status: 201, headers: answer.headers, body: answer.body },
    );
    expect(store.release).not.toHaveBeenCalled();
  });

  it('replays the stored answer for the same content, reading but storing nothing', async () => {
    const first = formOf(Buffer.from('png bytes'), 'shot.png', '4');
    const stored = await answerFor(first.form);
    const { store, idempotency } = setUp({
      outcome: 'completed',
      fingerprint: uploadFingerprint(URL, stored.body),
      response: { status: 201, headers: stored.headers, body: stored.body },
    });
    const retry = formOf(Buffer.from('png bytes'), 'shot.png', '4');
    const upload = jest.fn();
    const answer = await idempotency.run({
      apiKeyId: 'k1',
      key: 'idem-1',
      url: URL,
      form: retry.form,
      upload,
    });
    expect(answer).toEqual({ body: stored.body, headers: stored.headers, replayed: true });
    expect(retry.read.started).toBe(true);
    expect(upload).not.toHaveBeenCalled();
    expect(store.completeWithFingerprint).not.toHaveBeenCalled();
  });

  it('answers 422 for other content, another file name, another message or another URL', async () => {
    const stored = await answerFor(formOf(Buffer.from('png bytes'), 'shot.png', '4').form);
    const completed: PendingClaim = {
      outcome: 'completed',
      fingerprint: uploadFingerprint(URL, stored.body),
      response: { status: 201, headers: stored.headers, body: stored.body },
    };
    for (const [retry, url] of [
      [formOf(Buffer.from('png bytez'), 'shot.png', '4'), URL],
      [formOf(Buffer.from('png bytes'), 'other.png', '4'), URL],
      [formOf(Buffer.from('png bytes'), 'shot.png', '5'), URL],
      [formOf(Buffer.from('png bytes'), 'shot.png'), URL],
      [formOf(Buffer.from('png bytes'), 'shot.png', '4'), URL.replace('/1/', '/2/')],
    ] as const) {
      const { idempotency } = setUp(completed);
      const upload = jest.fn();
      await expect(
        idempotency.run({ apiKeyId: 'k1', key: 'idem-1', url, form: retry.form, upload }),
      ).rejects.toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED' });
      expect(upload).not.toHaveBeenCalled();
    }
  });

  it('answers 409 with Retry-After while the key is running, without reading the body', async () => {
    const { idempotency } = setUp({ outcome: 'in-progress' });
    const { form, read } = formOf(Buffer.from('png bytes'));
    const upload = jest.fn();
    await expect(
      idempotency.run({ apiKeyId: 'k1', key: 'idem-1', url: URL, form, upload }),
    ).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_IN_PROGRESS',
      extras: { headers: { 'retry-after': '1' } },
    });
    expect(read.started).toBe(false);
    expect(upload).not.toHaveBeenCalled();
  });

  it('releases its own claim when the upload fails, and passes the failure on', async () => {
    const { store, idempotency } = setUp({ outcome: 'claimed', token: 'pending:t2' });
    const { form } = formOf(Buffer.from('png bytes'));
    await expect(
      idempotency.run({
        apiKeyId: 'k1',
        key: 'idem-1',
        url: URL,
        form,
        upload: () => Promise.reject(new Error('ticket closed')),
      }),
    ).rejects.toThrow('ticket closed');
    expect(store.release).toHaveBeenCalledWith('k1', 'idem-1', 'pending:t2');
    expect(store.completeWithFingerprint).not.toHaveBeenCalled();
  });

  it('still answers the upload when its completion cannot be recorded', async () => {
    const { store, idempotency } = setUp({ outcome: 'claimed', token: 'pending:t3' });
    store.completeWithFingerprint.mockRejectedValueOnce(new Error('db down'));
    const { form } = formOf(Buffer.from('png bytes'));
    const answer = await idempotency.run({
      apiKeyId: 'k1',
      key: 'idem-1',
      url: URL,
      form,
      upload: () => answerFor(form),
    });
    expect(answer.body).toMatchObject({ id: 9 });
  });
});

describe('describeUpload', () => {
  it('describes the form as the upload stores it: sanitized name and type, size and sha256', async () => {
    async function* parts(): AsyncIterable<FormPart> {
      yield { kind: 'field', name: 'messageId', value: ' 12 ' };
      yield {
        kind: 'file',
        name: 'file',
        fileName: 'C:\\shots\\a.png',
        contentType: 'Image/PNG; charset=binary',
        content: Readable.from([Buffer.from('ab'), Buffer.from('c')]),
      };
    }
    expect(await describeUpload(parts())).toEqual({
      messageId: 12,
      fileName: 'a.png',
      contentType: 'image/png',
      size: 3,
      sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    });
  });

  it('applies the upload rules: a file is required, in "file", at most 10 MB', async () => {
    async function* none(): AsyncIterable<FormPart> {}
    await expect(describeUpload(none())).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    async function* misnamed(): AsyncIterable<FormPart> {
      yield {
        kind: 'file',
        name: 'upload',
        fileName: 'a',
        contentType: undefined,
        content: Readable.from([Buffer.from('a')]),
      };
    }
    await expect(describeUpload(misnamed())).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    async function* tooLarge(): AsyncIterable<FormPart> {
      yield {
        kind: 'file',
        name: 'file',
        fileName: 'a',
        contentType: undefined,
        content: Readable.from([Buffer.alloc(10 * 1024 * 1024 + 1)]),
      };
    }
    await expect(describeUpload(tooLarge())).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
  });
});
