import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../setup/endpoints';
import { closeTestPool, customerKey, newAccountId, staffKey } from '../support/api-keys';
import { api } from '../support/http';
import { openTicket } from '../support/tickets';

const dir = mkdtempSync(join(tmpdir(), 'audit-export-'));

/** Runs the offline checker as an auditor would: plain Node, no project around it. */
function verifyExport(exported: unknown, keys: unknown): Promise<{ code: number; stdout: string }> {
  const exportFile = join(dir, `export-${Math.random().toString(36).slice(2)}.json`);
  const keysFile = join(dir, 'keys.json');
  writeFileSync(exportFile, JSON.stringify(exported, null, 2));
  writeFileSync(keysFile, JSON.stringify(keys));
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [join(ROOT, 'scripts/audit/verify-export.ts'), exportFile, '--keys', keysFile],
      { cwd: dir, timeout: 30_000 },
      (error, stdout) => resolve({ code: error ? Number(error.code) : 0, stdout }),
    ),
  );
}

let accountId: string;
let key: string;
let ticketId: number;
let exported: any;
let keys: any;

beforeAll(async () => {
  accountId = newAccountId();
  key = await customerKey(accountId);
  ticketId = await openTicket(key, accountId);
  const staff = await staffKey();
  await api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
    key,
    body: { message: 'Still failing after 30 minutes.' },
  });
  await api('POST', `/api/Ticket/${ticketId}/resolve?accountId=${accountId}`, { key: staff });
  await api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
    key,
    body: { message: 'No, it is back.' },
  });
  const response = await api(
    'GET',
    `/api/Ticket/${ticketId}/history/export?accountId=${accountId}`,
    { key: staff },
  );
  expect(response.status).toBe(200);
  exported = response.body;
  keys = (await api('GET', '/api/audit/keys', { key })).body;
});
afterAll(closeTestPool);

const copy = () => JSON.parse(JSON.stringify(exported));

describe('signed history exports', () => {
  it('holds every event with its chain, signed by a listed key', () => {
    expect(exported).toMatchObject({
      format: 'ticket-history-export/1',
      ticketId,
      accountId,
      chain: { encoding: 'event/1', eventCount: 5, headVersion: 5 },
      signature: { algorithm: 'Ed25519', keyId: keys.items[0].keyId },
    });
    expect(exported.events.map((e: any) => e.type)).toEqual([
      'TicketOpened',
      'MessageAdded',
      'TicketResolved',
      'MessageAdded',
      'TicketReopened',
    ]);
    expect(exported.chain.headHash).toBe(exported.events[4].hash);
    expect(JSON.stringify(exported)).not.toMatch(/"apiKeyId":"(?!sha256:)/);
    expect(keys.items[0]).toMatchObject({ algorithm: 'Ed25519', current: true });
  });

  it('verifies offline with plain Node', async () => {
    const { code, stdout } = await verifyExport(exported, keys);
    expect(stdout).toMatch(
      `verified: ticket ${ticketId} of account ${accountId}, 5 events, head v5`,
    );
    expect(code).toBe(0);
  });

  it('names the event of a one-byte change', async () => {
    const altered = copy();
    altered.events[3].data.message = 'No, it is bask.';
    const { code, stdout } = await verifyExport(altered, keys);
    expect(stdout).toMatch(
      `event v4 (MessageAdded, ${altered.events[3].eventId}) was altered: its content no longer hashes`,
    );
    expect(code).toBe(1);
  });

  it('names a removed event, a changed hash and changed metadata', async () => {
    const removed = copy();
    removed.events.splice(2, 1);
    expect((await verifyExport(removed, keys)).stdout).toMatch(
      /event v4 \(MessageAdded, .*\) is at position 3: an event was deleted, inserted or reordered/,
    );
    const rehashed = copy();
    rehashed.events[1].hash = rehashed.events[1].hash.replace(/^./, (c: string) =>
      c === '0' ? '1' : '0',
    );
    expect((await verifyExport(rehashed, keys)).stdout).toMatch(
      /event v2 \(MessageAdded, .*\): its listed hash was altered \(the content is as signed\)/,
    );
    const reassigned = copy();
    reassigned.accountId = 'acct-someone-else';
    expect((await verifyExport(reassigned, keys)).stdout).toMatch(/signature: does not verify/);
  });

  it('is for staff keys only: a customer key is 403, the chain holding notes it may not see', async () => {
    const own = await api('GET', `/api/Ticket/${ticketId}/history/export?accountId=${accountId}`, {
      key,
    });
    expect(own.status).toBe(403);
    expect(own.body).toMatchObject({ code: 'ROLE_NOT_ALLOWED' });
  });

  it('answers as the history route does: 404 for another account, 401 without a key', async () => {
    const stranger = newAccountId();
    const other = await api('GET', `/api/Ticket/${ticketId}/history/export?accountId=${stranger}`, {
      key: await staffKey(),
    });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toMatch('application/problem+json');
    expect(other.body).toMatchObject({ code: 'TICKET_NOT_FOUND' });
    const anonymous = await api(
      'GET',
      `/api/Ticket/${ticketId}/history/export?accountId=${accountId}`,
    );
    expect(anonymous.status).toBe(401);
  });
});
