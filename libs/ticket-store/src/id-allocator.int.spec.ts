import type { Pool } from 'pg';
import { createPool } from '@app/platform/db/database';
import { IdAllocator, MESSAGE_ID_BLOCK } from './id-allocator';

const DATABASE_URL = process.env.DATABASE_URL ?? '';

describe('IdAllocator (Postgres)', () => {
  let pool: Pool;

  beforeAll(() => {
    pool = createPool(DATABASE_URL, 4, 'id-allocator-int');
  });
  afterAll(() => pool.end());

  it('hands out increasing, unique message ids, a block at a time, concurrent callers included', async () => {
    const ids = new IdAllocator(pool);
    const taken = await Promise.all(
      Array.from({ length: MESSAGE_ID_BLOCK * 2 + 5 }, () => ids.next('message_id_seq')),
    );
    expect(new Set(taken).size).toBe(taken.length);
    expect(taken).toEqual([...taken].sort((a, b) => a - b));
  });

  it("an id above another instance's is above it though this one still holds a block below it", async () => {
    const here = new IdAllocator(pool);
    const there = new IdAllocator(pool);
    const held = await here.next('message_id_seq');
    const elsewhere = await there.next('message_id_seq');
    expect(elsewhere).toBeGreaterThan(held);
    const above = await here.above('message_id_seq', elsewhere);
    expect(above).toBeGreaterThan(elsewhere);
    expect(await here.next('message_id_seq')).toBeGreaterThan(above);
  });

  it('an id above one of its own block skips what is below it', async () => {
    const ids = new IdAllocator(pool);
    const first = await ids.next('message_id_seq');
    expect(await ids.above('message_id_seq', first + 5)).toBeGreaterThan(first + 5);
  });

  it('ticket ids come straight from the sequence, one per call', async () => {
    const ids = new IdAllocator(pool);
    const first = await ids.next('ticket_id_seq');
    const second = await ids.next('ticket_id_seq');
    expect(second).toBeGreaterThan(first);
  });
});
