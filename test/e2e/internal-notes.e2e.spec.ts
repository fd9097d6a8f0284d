import { randomUUID } from 'node:crypto';
import { closeTestPool, customerKey, newAccountId, staffKey } from '../support/api-keys';
import type { ApiResponse } from '../support/http';
import { api } from '../support/http';
import { attachmentPath, randomFile, sha256, upload } from '../support/attachments';
import { openTicket } from '../support/tickets';

const path = (ticketId: number, accountId: string, action = '') =>
  `/api/Ticket/${ticketId}${action ? `/${action}` : ''}?accountId=${accountId}`;

const etagOf = (response: ApiResponse): string | null => response.headers.get('etag');

describe('internal notes (staff only)', () => {
  let accountId: string;
  let customer: string;
  let staff: string;
  let ticketId: number;

  beforeAll(async () => {
    staff = await staffKey();
  });
  beforeEach(async () => {
    accountId = newAccountId();
    customer = await customerKey(accountId);
    ticketId = await openTicket(customer, accountId);
  });
  afterAll(closeTestPool);

  const note = (body: unknown, key = staff, headers: Record<string, string> = {}) =>
    api('POST', path(ticketId, accountId, 'note'), { key, body, headers });
  const detail = (key: string, minVersion?: number, headers: Record<string, string> = {}) =>
    api('GET', `${path(ticketId, accountId)}${minVersion ? `&minVersion=${minVersion}` : ''}`, {
      key,
      headers,
    });

  it('adds a note with 201, the note marked internal, Location and the new version as ETag', async () => {
    const response = await note({ note: 'Customer is on the legacy plan.' });

    expect(response.status).toBe(201);
    expect(etagOf(response)).toBe('"2"');
    expect(response.headers.get('location')).toBe(`/api/Ticket/${ticketId}?accountId=${accountId}`);
    expect(response.body).toMatchObject({
      ticketId,
      message: 'Customer is on the legacy plan.',
      authorType: 'staff',
      authorLabel: 'Support Team',
      internal: true,
      attachments: [],
      ticketVersion: 2,
    });
  });

  it('a staff reader sees the note in the thread, marked internal; the customer sees neither it nor a new version', async () => {
    const noted = await note({ note: 'Check the invoice first.' });

    const forStaff = await detail(staff, 2);
    const forCustomer = await detail(customer, 1);

    expect(forStaff.body.messages).toEqual([
      expect.objectContaining({ id: noted.body.id, internal: true }),
    ]);
    expect(forStaff.body.version).toBe(2);
    expect(forCustomer.body.messages).toEqual([]);
    expect(forCustomer.body.version).toBe(1);
    expect(etagOf(forCustomer)).toBe('"1"');
    expect((await detail(customer, undefined, { 'if-none-match': '"1"' })).status).toBe(304);
  });

  it("a customer's minVersion counts what it sees: the staff version of a note is ahead of it (409)", async () => {
    await note({ note: 'Only for us.' });
    await detail(staff, 2);

    const ahead = await detail(customer, 2);

    expect(ahead.status).toBe(409);
    expect(ahead.body.code).toBe('MIN_VERSION_AHEAD');
  });

  it('a note keeps the status, even of a Resolved ticket, and the customer a reply later counts from its own version', async () => {
    await api('POST', path(ticketId, accountId, 'resolve'), { key: staff });
    await note({ note: 'Resolved after the refund.' });
    expect((await detail(staff, 3)).body.status).toBe('Resolved');

    const reply = await api('POST', path(ticketId, accountId, 'message'), {
      key: customer,
      body: { message: 'Thanks!' },
      headers: { 'if-match': '"2"' },
    });

    expect(reply.status).toBe(201);
    // the reply and the reopening: versions 3 and 4 as the customer counts them
    expect(reply.body.ticketVersion).toBe(4);
  });

  it('is 403 ROLE_NOT_ALLOWED for a customer key', async () => {
    const response = await note({ note: 'Let me in.' }, customer);

    expect(response.status).toBe(403);
    expect(response.body.code).toBe('ROLE_NOT_ALLOWED');
  });

  it.each([
    [{ note: '   ' }, 'Note is required.'],
    [{}, 'Note is required.'],
    [{ note: 'x'.repeat(10_001) }, 'Note must be at most 10000 characters.'],
  ])('answers %j with 400 naming the note', async (body, message) => {
    const response = await note(body);

    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ field: 'note', messages: [message] }]);
  });

  it('a Closed ticket refuses a note with 400 TICKET_CLOSED', async () => {
    await api('POST', path(ticketId, accountId, 'close'), { key: customer });

    const response = await note({ note: 'Too late.' });

    expect(response.status).toBe(400);
    expect(response.body.code).toBe('TICKET_CLOSED');
  });

  it('honours If-Match: a version the ticket moved past is 412 with the current ETag', async () => {
    await note({ note: 'First.' });

    const stale = await note({ note: 'Second.' }, staff, { 'if-match': '"1"' });

    expect(stale.status).toBe(412);
    expect(etagOf(stale)).toBe('"2"');
  });

  it('replays a retry with the same Idempotency-Key: the same note, one event', async () => {
    const headers = { 'idempotency-key': randomUUID() };

    const first = await note({ note: 'Once.' }, staff, headers);
    const again = await note({ note: 'Once.' }, staff, headers);

    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.body).toEqual(first.body);
    const history = await api('GET', path(ticketId, accountId, 'history'), { key: staff });
    expect(history.body.items.map((e: { type: string }) => e.type)).toEqual([
      'TicketOpened',
      'InternalNoteAdded',
    ]);
  });

  it("another account's ticket is 404, as for a reply", async () => {
    const elsewhere = newAccountId();

    const response = await api('POST', path(ticketId, elsewhere, 'note'), {
      key: staff,
      body: { note: 'Wrong account.' },
    });

    expect(response.status).toBe(404);
    expect(response.body.code).toBe('TICKET_NOT_FOUND');
  });

  describe('files on a note', () => {
    it('staff attach a file to a note: in the staff thread under the note, never for the customer, who cannot download it', async () => {
      const noted = await note({ note: 'The logs are attached.' });
      const file = randomFile(2048);

      const uploaded = await upload(staff, accountId, ticketId, file, { noteId: noted.body.id });

      expect(uploaded.status).toBe(201);
      expect(uploaded.body).toMatchObject({ messageId: noted.body.id, sha256: sha256(file) });
      expect(etagOf(uploaded)).toBe('"3"');
      const forStaff = await detail(staff, 3);
      expect(forStaff.body.messages[0].attachments).toEqual([
        expect.objectContaining({ id: uploaded.body.id }),
      ]);
      expect(forStaff.body.attachments).toHaveLength(1);
      const forCustomer = await detail(customer, 1);
      expect(forCustomer.body.attachments).toEqual([]);
      expect(etagOf(forCustomer)).toBe('"1"');
      const download = (key: string) =>
        api('GET', attachmentPath(ticketId, accountId, uploaded.body.id as number), { key });
      expect((await download(staff)).status).toBe(200);
      const refused = await download(customer);
      expect(refused.status).toBe(404);
      expect(refused.body.code).toBe('ATTACHMENT_NOT_FOUND');
    });

    it('a customer key cannot attach to a note (403), nor staff to a note that is not there (404)', async () => {
      const noted = await note({ note: 'Private.' });

      const byCustomer = await upload(customer, accountId, ticketId, randomFile(16), {
        noteId: noted.body.id,
      });
      const missing = await upload(staff, accountId, ticketId, randomFile(16), {
        noteId: noted.body.id + 1_000_000,
      });

      expect(byCustomer.status).toBe(403);
      expect(byCustomer.body.code).toBe('ROLE_NOT_ALLOWED');
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('NOTE_NOT_FOUND');
    });

    it('messageId and noteId together are a 400 naming the field', async () => {
      const noted = await note({ note: 'Both?' });

      const both = await upload(staff, accountId, ticketId, randomFile(16), {
        noteId: noted.body.id,
        messageId: noted.body.id,
      });

      expect(both.status).toBe(400);
      expect(both.body.code).toBe('VALIDATION_FAILED');
    });
  });
});
