import { copyFileSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultMigrationsDir, migrate } from '@app/platform/db/migrate';
import { scratchDatabase } from '@test/support/scratch-database';
import type { ScratchDatabase } from '@test/support/scratch-database';
import { verifyEventChain } from './chain-verifier';

/** The migrations a store had before the chain. */
function migrationsBefore(version: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'migrations-'));
  for (const file of readdirSync(defaultMigrationsDir())) {
    if (Number(file.slice(0, 3)) < version)
      copyFileSync(join(defaultMigrationsDir(), file), join(dir, file));
  }
  return dir;
}

let db: ScratchDatabase;

beforeAll(async () => {
  db = await scratchDatabase('audit_migration', migrationsBefore(17));
});
afterAll(() => db.drop());

describe('migration 017 on a store with history', () => {
  it('chains the events written before it, and the trigger chains on from there', async () => {
    await db.pool.query(
      `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
       SELECT 'ticket-' || t, v, CASE WHEN v = 1 THEN 'TicketOpened' ELSE 'MessageAdded' END, 1,
         jsonb_build_object('ticketId', t, 'accountId', 'acct', 'message', 'm' || v),
         jsonb_build_object('actor', jsonb_build_object('role', 'customer', 'accountId', 'acct', 'apiKeyId', 'k')),
         now()
       FROM generate_series(1, 30) t, generate_series(1, 4) v ORDER BY random()`,
    );
    await migrate(db.pool);
    await db.pool.query(
      `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
       VALUES ('ticket-1', 5, 'TicketClosed', 1, '{"ticketId": 1}', '{}', now())`,
    );

    const report = await verifyEventChain(db.pool);

    expect(report.failures).toEqual([]);
    expect(report).toMatchObject({ events: 121, streams: 30 });
    const { rows } = await db.pool.query(
      'SELECT count(*)::int AS n FROM events WHERE hash IS NULL',
    );
    expect(rows[0].n).toBe(0);
  });
});
