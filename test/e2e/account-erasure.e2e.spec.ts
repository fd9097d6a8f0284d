import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { ROOT } from '../setup/endpoints';
import {
  download,
  objectsUnder,
  retryWhileBusy,
  storageClient,
  ticketPrefix,
  upload,
} from '../support/attachments';
import { closeTestPool, customerKey, newAccountId, testPool } from '../support/api-keys';
import { endpoints } from '../support/endpoints';
import { api, eventually } from '../support/http';

const ERASED = '[erased]';
const CLI = join(ROOT, 'dist/apps/ticket-api/src/audit/audit.cli.js');

function audit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, DATABASE_URL: endpoints().DATABASE_URL }, timeout: 120_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  );
}

interface Customer {
  accountId: string;
  key: string;
  marker: string;
  ticketId: number;
  messageId: number;
  attachmentId: number;
  bytes: Buffer;
}

/** A ticket whose every personal field (and the file's bytes) carries the customer's marker. */
async function aCustomerWithData(label: string): Promise<Customer> {
  const accountId = newAccountId();
  const key = await customerKey(accountId);
  const marker = `${label}-${randomUUID().slice(0, 12)}`;
  const opened = await api('POST', `/api/Ticket?accountId=${accountId}`, {
    key,
    headers: { 'idempotency-key': randomUUID() },
    body: { subject: `subject ${marker}`, description: `description ${marker}`, topic: 'Billing' },
  });
  expect(opened.status).toBe(201);
  const ticketId = opened.body.id as number;
  const reply = await api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
    key,
    headers: { 'idempotency-key': randomUUID() },
    body: { message: `message ${marker}` },
  });
  expect(reply.status).toBe(201);
  const bytes = Buffer.from(`bytes ${marker} `.repeat(5_000));
  const uploaded = await retryWhileBusy(() =>
    upload(key, accountId, ticketId, bytes, { fileName: `file-${marker}.txt` }),
  );
  expect(uploaded.status).toBe(201);
  const customer = {
    accountId,
    key,
    marker,
    ticketId,
    messageId: reply.body.id as number,
    attachmentId: uploaded.body.id as number,
    bytes,
  };
  const projected = await eventually(
    () => detail(customer),
    (r) => r.status === 200 && r.body.attachments?.length === 1,
  );
  expect(projected.body.subject).toBe(`subject ${marker}`);
  return customer;
}

const detail = (c: Customer, query = '') =>
  api('GET', `/api/Ticket/${c.ticketId}?accountId=${c.accountId}${query}`, { key: c.key });

/** Every table of the database whose rows' text holds the marker. */
async function tablesHolding(marker: string): Promise<string[]> {
  const pool = testPool();
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables
     WHERE schemaname NOT IN ('pg_catalog', 'information_schema')`,
  );
  const holding: string[] = [];
  for (const { name } of tables) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM ${name} t WHERE strpos(t::text, $1) > 0`,
      [marker],
    );
    if (rows[0].n > 0) holding.push(name);
  }
  return holding;
}

/** Every object of the ticket whose bytes hold the marker. */
async function objectsHolding(ticketId: number, marker: string): Promise<string[]> {
  const holding: string[] = [];
  for (const name of await objectsUnder(ticketPrefix(ticketId))) {
    const chunks: Buffer[] = [];
    for await (const chunk of await storageClient().getObject(endpoints().S3_BUCKET, name)) {
      chunks.push(chunk as Buffer);
    }
    if (Buffer.concat(chunks).includes(marker)) holding.push(name);
  }
  return holding;
}

let erased: Customer;
let kept: Customer;
let forgotten: { code: number; stdout: string; stderr: string };

beforeAll(async () => {
  [erased, kept] = await Promise.all([aCustomerWithData('erase-me'), aCustomerWithData('keep-me')]);
  forgotten = await audit('forget-account', erased.accountId);
}, 120_000);
afterAll(closeTestPool);

describe('npm run audit -- forget-account (crypto-shredding)', () => {
  it('destroys the key, records AccountDataErased and says what it blanked', () => {
    expect(forgotten).toMatchObject({ code: 0 });
    expect(forgotten.stdout).toContain(`account ${erased.accountId}: 1 data key(s) destroyed`);
    expect(forgotten.stdout).toContain(`AccountDataErased recorded in account-${erased.accountId}`);
  });

  it('stores personal data as ciphertext: the events never held the plaintext', async () => {
    const { rows } = await testPool().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM events WHERE strpos(data::text, $1) > 0`,
      [kept.marker],
    );
    expect(rows[0].n).toBe(0);
  });

  it('leaves no plaintext of the account in any table of PostgreSQL', async () => {
    expect(await tablesHolding(erased.marker)).toEqual([]);
    // the scan finds what is there: the other account's read model holds its plaintext
    expect(await tablesHolding(kept.marker)).toEqual(
      expect.arrayContaining([
        'read_model.tickets',
        'read_model.messages',
        'read_model.attachments',
      ]),
    );
  });

  it('leaves no plaintext of the account in the object store', async () => {
    expect(await objectsUnder(ticketPrefix(erased.ticketId))).toHaveLength(1);
    expect(await objectsHolding(erased.ticketId, erased.marker)).toEqual([]);
  });

  it("shows the account's content as erased in the detail, the history and asOf alike", async () => {
    const now = await eventually(
      () => detail(erased),
      (r) => r.body.subject === ERASED,
    );
    expect(now.body).toMatchObject({
      subject: ERASED,
      description: ERASED,
      topic: 'Billing',
      messages: [{ id: erased.messageId, message: ERASED }],
      attachments: [{ id: erased.attachmentId, fileName: ERASED }],
    });
    const asOf = await eventually(
      () => detail(erased, `&asOf=${encodeURIComponent(new Date().toISOString())}`),
      (r) => r.body.subject === ERASED,
    );
    expect(asOf.body).toMatchObject({
      subject: ERASED,
      description: ERASED,
      messages: [{ message: ERASED }],
      attachments: [{ fileName: ERASED }],
    });
    const history = await api(
      'GET',
      `/api/Ticket/${erased.ticketId}/history?accountId=${erased.accountId}`,
      { key: erased.key },
    );
    expect(history.status).toBe(200);
    expect(JSON.stringify(history.body)).not.toContain(erased.marker);
    expect(history.body.items[0].data).toMatchObject({ subject: ERASED, description: ERASED });
  });

  it("answers a download of the account's attachment with 410 Gone, as a problem", async () => {
    const gone = await eventually(
      () => download(erased.key, erased.accountId, erased.ticketId, erased.attachmentId),
      (r) => r.status === 410,
    );
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toContain('application/problem+json');
    expect(JSON.parse(gone.body.toString())).toMatchObject({
      status: 410,
      code: 'ATTACHMENT_ERASED',
    });
  });

  it('leaves other accounts untouched: their content reads, their files download', async () => {
    const read = await detail(kept);
    expect(read.body).toMatchObject({
      subject: `subject ${kept.marker}`,
      description: `description ${kept.marker}`,
      messages: [{ message: `message ${kept.marker}` }],
      attachments: [{ fileName: `file-${kept.marker}.txt` }],
    });
    const file = await download(kept.key, kept.accountId, kept.ticketId, kept.attachmentId);
    expect(file.status).toBe(200);
    expect(file.body.equals(kept.bytes)).toBe(true);
    const range = await download(kept.key, kept.accountId, kept.ticketId, kept.attachmentId, {
      range: 'bytes=1000-1099',
    });
    expect(range.status).toBe(206);
    expect(range.body.equals(kept.bytes.subarray(1000, 1100))).toBe(true);
    expect(await objectsHolding(kept.ticketId, kept.marker)).toEqual([]);
  });

  it('keeps the hash chains: verify passes after the erasure', async () => {
    const verified = await audit('verify', '--ticket', String(erased.ticketId));
    expect(verified.stdout + verified.stderr).not.toMatch(/altered|mismatch/i);
    expect(verified.code).toBe(0);
    const everything = await audit('verify', '--skip-signatures');
    expect(everything.stdout).not.toMatch(/altered|mismatch/i);
    expect(everything.code).toBe(0);
  }, 120_000);
});
