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
      /^verified: 6 events of 2 streams, 0 checkpoints \(0 heads\) in [\d.]+ s, \d+ events\/s$/m,
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
