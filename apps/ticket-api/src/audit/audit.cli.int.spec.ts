import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PgEventStore } from '@app/event-store';
import type { TicketEvent } from '@app/domain';
import { ticketStreamId } from '@app/domain';
import { asDatabaseOwner } from '@test/support/audit';
import { scratchDatabase } from '@test/support/scratch-database';
import type { ScratchDatabase } from '@test/support/scratch-database';
import { aStaffMember, messageAdded, opened, resolved } from '@test/support/ticket.builders';

const CLI = join(__dirname, '../../../../dist/apps/ticket-api/src/audit/audit.cli.js');

let db: ScratchDatabase;

function audit(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile(
      process.execPath,
      [CLI, ...args],
      { env: { ...process.env, DATABASE_URL: db.url }, timeout: 30_000 },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    ),
  );
}

async function aTicket(ticketId: number): Promise<void> {
  const store = new PgEventStore<TicketEvent>(
    db.pool,
    { topic: 't', keyOf: (s) => s },
    (r) => r as TicketEvent,
  );
  const events: TicketEvent[] = [
    opened({ ticketId, accountId: 'acct-cli' }),
    messageAdded({ ticketId, messageId: ticketId * 10 }),
    resolved(aStaffMember()),
  ];
  for (const [version, event] of events.entries()) {
    await store.appendToStream(ticketStreamId(ticketId), version, [
      { ...event, data: { ...event.data, ticketId } } as TicketEvent,
    ]);
  }
  await db.pool.query('DELETE FROM outbox');
}

beforeAll(async () => {
  db = await scratchDatabase('audit_cli');
  await aTicket(1);
  await aTicket(2);
});
afterAll(() => db.drop());

describe('npm run audit', () => {
  it('verify passes an untouched store and prints events per second', async () => {
    const { code, stdout } = await audit('verify');
    expect(stdout).toMatch(
      /^verified: 6 events of 2 streams, 0 checkpoints \(0 heads, 0 signatures checked\) in [\d.]+ s, \d+ events\/s$/m,
    );
    expect(code).toBe(0);
  });

  it('verify --ticket names the changed event and exits 1', async () => {
    await asDatabaseOwner(db.pool, (c) =>
      c.query(
        `UPDATE events SET data = jsonb_set(data, '{message}', '"I never said that"')
         WHERE stream_id = 'ticket-2' AND stream_version = 2`,
      ),
    );
    const { code, stdout } = await audit('verify', '--ticket', '2');
    expect(stdout).toMatch(
      /^first failure: ticket-2 v2 \(global position \d+, event [0-9a-f-]+, MessageAdded\) does not match its hash/m,
    );
    expect(code).toBe(1);
    expect((await audit('verify', '--ticket', '1')).code).toBe(0);
  });

  it('refuses an unknown command with the usage and exits 2', async () => {
    const { code, stderr } = await audit('verfy');
    expect(stderr).toMatch(/unknown command: verfy\nusage:/);
    expect(code).toBe(2);
  });
});

describe('npm run audit -- replay', () => {
  it('prints each event with its time, actor and what it changed', async () => {
    const { code, stdout } = await audit('replay', '--ticket', '1');
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('ticket 1, account acct-cli');
    expect(lines[1]).toMatch(
      /^v1 {2}\S+Z {2}customer of account 123 \(request corr-0001\) {2}TicketOpened$/,
    );
    expect(stdout).toContain('      status (none) -> Open');
    expect(stdout).toMatch(
      /v2 .* MessageAdded\n {6}message 10 by customer: "Still failing after 30 minutes."\n {6}messages 0 -> 1/,
    );
    expect(stdout).toMatch(
      /v3 .*staff \(request corr-0001\) {2}TicketResolved\n {6}status Open -> Resolved/,
    );
    expect(lines[lines.length - 1]).toBe('3 events; now Resolved');
    expect(code).toBe(0);
  });

  it('says so when the ticket is not in the store', async () => {
    const { code, stdout } = await audit('replay', '--ticket', '999');
    expect(stdout.trim()).toBe('no ticket 999 in the store');
    expect(code).toBe(1);
  });
});
