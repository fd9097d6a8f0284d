import { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { TicketErrors } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import {
  ACCOUNT_ID,
  historyFor,
  MESSAGE_ID,
  messageAdded,
  TICKET_ID,
} from '@test/support/ticket.builders';
import type { GivenStatus } from '@test/support/ticket.builders';
import type { EventStore, StoredEvent } from '@app/event-store';
import { ApiError } from '@app/platform/http/api-error';
import { TicketCommandRunner, VersionMismatchError } from '@app/ticket-store';
import type { IdAllocator, RequestContext } from '@app/ticket-store';
import type { AttachmentServiceConfig } from '../../config/attachment-service.config';
import type { ObjectMetadata, ObjectStorage } from '../../storage/object-storage.port';
import type { StaleUpload, UploadJournal } from '../shared/upload-journal';
import { TicketAdmission } from './ticket-admission';
import { UploadAttachmentCommand } from './upload-attachment.command';
import { UploadAttachmentHandler } from './upload-attachment.handler';
import type { FormPart } from './upload-form';
import { UploadGate } from './upload-gate';

class MemoryStorage implements ObjectStorage {
  readonly objects = new Map<string, Buffer>();
  async ensureBucket(): Promise<void> {}
  async isReachable(): Promise<boolean> {
    return true;
  }
  async upload(key: string, body: AsyncIterable<Buffer>, _metadata: ObjectMetadata) {
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk);
    this.objects.set(key, Buffer.concat(chunks));
  }
  read(): Promise<Readable> {
    throw new Error('not used');
  }
  async discard(keys: readonly string[]) {
    keys.forEach((key) => this.objects.delete(key));
    return { abortedUploads: 0 };
  }
}

class MemoryJournal implements UploadJournal {
  readonly entries = new Set<string>();
  async open(objectKey: string): Promise<void> {
    this.entries.add(objectKey);
  }
  async close(objectKeys: readonly string[]): Promise<void> {
    objectKeys.forEach((key) => this.entries.delete(key));
  }
  async stale(): Promise<StaleUpload[]> {
    return [];
  }
}

const storedHistory = (events: TicketEvent[]): EventStore<TicketEvent> => ({
  readStream: async () =>
    events.map((event, i) => ({ event, streamVersion: i + 1 }) as StoredEvent<TicketEvent>),
  appendToStream: () => Promise.reject(new Error('not used')),
});

const context: RequestContext = {
  principal: {
    apiKeyId: 'key-1',
    role: 'customer',
    keyAccountId: ACCOUNT_ID,
    accountId: ACCOUNT_ID,
  },
  requestId: 'req-1',
};

async function* form(...parts: FormPart[]): AsyncIterable<FormPart> {
  yield* parts;
}

const file = (bytes = Buffer.from('hello')): FormPart => ({
  kind: 'file',
  name: 'file',
  fileName: 'hello.txt',
  contentType: 'text/plain',
  content: Readable.from([bytes]),
});

function setUp(
  status: GivenStatus,
  append: TicketCommandRunner['run'],
  capacity = 1,
  expectedVersion?: number,
) {
  const storage = new MemoryStorage();
  const journal = new MemoryJournal();
  const gate = new UploadGate(capacity);
  const history = [...historyFor(status), messageAdded()];
  const handler = new UploadAttachmentHandler(
    gate,
    new TicketAdmission(new TicketCommandRunner(storedHistory(status === 'Empty' ? [] : history))),
    { run: append } as TicketCommandRunner,
    { next: async () => 7 } as unknown as IdAllocator,
    storage,
    journal,
    { UPLOAD_RETRY_AFTER_SECONDS: 2 } as AttachmentServiceConfig,
  );
  const upload = (...parts: FormPart[]) =>
    handler.execute(
      new UploadAttachmentCommand({ ...context, expectedVersion }, TICKET_ID, form(...parts)),
    );
  return { storage, journal, gate, upload, history };
}

const appended: TicketCommandRunner['run'] = async (_ticketId, _context, command) => ({
  ticket: {} as never,
  version: 3,
  events: [
    {
      event: {
        type: 'AttachmentAdded',
        schemaVersion: 1,
        data: { ...(command.data as object), uploadedBy: 'customer' },
        metadata: command.metadata,
      },
    } as StoredEvent<TicketEvent>,
  ],
});

describe('UploadAttachmentHandler', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(['error', 'warn', 'log']));

  it('stores the file, appends the event and closes the journal entry', async () => {
    const { storage, journal, gate, upload } = setUp('Open', appended);
    const result = await upload(file(), {
      kind: 'field',
      name: 'messageId',
      value: String(MESSAGE_ID),
    });
    expect(result).toMatchObject({
      id: 7,
      ticketId: TICKET_ID,
      messageId: MESSAGE_ID,
      fileName: 'hello.txt',
      contentType: 'text/plain',
      size: 5,
      uploadedByLabel: 'You',
      ticketVersion: 3,
    });
    expect([...storage.objects.values()]).toEqual([Buffer.from('hello')]);
    expect(journal.entries.size).toBe(0);
    expect(gate.active).toBe(0);
  });

  it('deletes the stored file when the ticket refuses the event', async () => {
    const { storage, journal, gate, upload } = setUp('Open', () =>
      Promise.reject(TicketErrors.closed()),
    );
    await expect(upload(file())).rejects.toMatchObject({ code: 'TICKET_CLOSED' });
    expect(storage.objects.size).toBe(0);
    expect(journal.entries.size).toBe(0);
    expect(gate.active).toBe(0);
  });

  it('keeps the file and its journal entry when the append fails without an answer, for the sweeper to settle', async () => {
    const { storage, journal, upload } = setUp('Open', () =>
      Promise.reject(new Error('connection terminated')),
    );
    await expect(upload(file())).rejects.toThrow('connection terminated');
    expect(storage.objects.size).toBe(1);
    expect([...journal.entries]).toEqual([...storage.objects.keys()]);
  });

  it('refuses before reading the body: a closed ticket, an unknown ticket, an unknown message first', async () => {
    for (const [status, parts, code] of [
      ['Closed', [file()], 'TICKET_CLOSED'],
      ['Empty', [file()], 'TICKET_NOT_FOUND'],
      ['Open', [{ kind: 'field', name: 'messageId', value: '999' }, file()], 'MESSAGE_NOT_FOUND'],
    ] as const) {
      const { storage, journal, upload } = setUp(status, appended);
      await expect(upload(...parts)).rejects.toMatchObject({ code });
      expect(storage.objects.size).toBe(0);
      expect(journal.entries.size).toBe(0);
    }
  });

  it('refuses a stale If-Match (412 with the current ETag) before reading the body', async () => {
    const { storage, journal, gate, upload, history } = setUp('Open', appended, 1, 1);
    await expect(upload(file())).rejects.toEqual(new VersionMismatchError(history.length, 1));
    expect(storage.objects.size).toBe(0);
    expect(journal.entries.size).toBe(0);
    expect(gate.active).toBe(0);
  });

  it('takes the current If-Match, and deletes the file when the ticket moves on while it streams', async () => {
    const history = [...historyFor('Open'), messageAdded()];
    const { storage, journal, upload } = setUp(
      'Open',
      async (_ticketId, ctx) => {
        expect(ctx.expectedVersion).toBe(history.length);
        throw new ApiError('PRECONDITION_FAILED', 'moved on');
      },
      1,
      history.length,
    );
    await expect(upload(file())).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect(storage.objects.size).toBe(0);
    expect(journal.entries.size).toBe(0);
  });

  it('answers 503 with Retry-After when every upload place is taken', async () => {
    const { gate, upload } = setUp('Open', appended);
    const leave = gate.tryEnter()!;
    await expect(upload(file())).rejects.toMatchObject({
      code: 'TOO_MANY_UPLOADS',
      extras: { headers: { 'retry-after': '2' } },
    });
    leave();
  });

  it('stops a file at the first byte over 10 MB and keeps none of it', async () => {
    const { storage, journal, upload } = setUp('Open', appended);
    const tooLarge = Buffer.alloc(10 * 1024 * 1024 + 1);
    await expect(upload(file(tooLarge))).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: 'File size exceeds 10 MB limit.',
    });
    expect(storage.objects.size).toBe(0);
    expect(journal.entries.size).toBe(0);
  });

  it('requires a file, and no fields but messageId', async () => {
    const { upload } = setUp('Open', appended);
    await expect(upload()).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    await expect(upload(file(), { kind: 'field', name: 'note', value: 'x' })).rejects.toMatchObject(
      { code: 'VALIDATION_FAILED' },
    );
  });
});
