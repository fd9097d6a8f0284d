import { describe, expect, it } from '@jest/globals';
import type { TicketResponse } from '../ticket.responses';
import { CachedTicketReadModel } from './cached-ticket-read-model';
import type { TicketChanges } from './cached-ticket-read-model';
import type { TicketReadModel } from './ticket-read-model';

const ACCOUNT = 'acme';

const ticketAt = (id: number, version: number, messages = 0): TicketResponse =>
  ({
    id,
    accountId: ACCOUNT,
    version,
    attachments: [],
    messages: Array.from({ length: messages }, (_, i) => ({ id: i + 1 })),
    olderMessages: null,
  }) as unknown as TicketResponse;

/** The projector's tables as a map, each read held until released, and its commits told by hand. */
function setUp(budget?: number) {
  const rows = new Map<number, TicketResponse>();
  const pending: (() => void)[] = [];
  let reads = 0;
  let hold = false;
  const inner = {
    findTicket: (id: number, account: string) => {
      reads += 1;
      const row = rows.get(id);
      const answer = row && row.accountId === account ? row : null;
      if (!hold) return Promise.resolve(answer);
      return new Promise((resolve) => pending.push(() => resolve(answer)));
    },
    versionOf: (id: number) => Promise.resolve(rows.get(id)?.version ?? 0),
  } as unknown as TicketReadModel;
  let observer!: Parameters<TicketChanges['observe']>[0];
  const changes = {
    isListening: true,
    observe: (o: typeof observer) => (observer = o),
  };
  const cache = new CachedTicketReadModel(inner, changes, budget);
  const commit = (ticket: TicketResponse) => {
    rows.set(ticket.id, ticket);
    observer.changed([ticket.id]);
  };
  return {
    cache,
    rows,
    changes,
    commit,
    missed: () => observer.missed(),
    reads: () => reads,
    holdReads: () => (hold = true),
    release: () => pending.splice(0).forEach((resolve) => resolve()),
  };
}

describe('CachedTicketReadModel', () => {
  it('answers a repeated read of a ticket from memory until a projector commit changes that ticket', async () => {
    const { cache, rows, commit, reads } = setUp();
    rows.set(1, ticketAt(1, 3));
    expect((await cache.findTicket(1, ACCOUNT, 'customer'))?.version).toBe(3);
    expect((await cache.findTicket(1, ACCOUNT, 'customer'))?.version).toBe(3);
    expect(await cache.versionOf(1, ACCOUNT, 'customer')).toBe(3);
    expect(reads()).toBe(1);
    commit(ticketAt(1, 4));
    expect((await cache.findTicket(1, ACCOUNT, 'customer'))?.version).toBe(4);
    expect(reads()).toBe(2);
  });

  it('does not keep a read that a commit overtook, so an old version is never served after its commit', async () => {
    const { cache, rows, commit, holdReads, release } = setUp();
    rows.set(1, ticketAt(1, 3));
    holdReads();
    const overtaken = cache.findTicket(1, ACCOUNT, 'customer');
    commit(ticketAt(1, 4));
    release();
    expect((await overtaken)?.version).toBe(3);
    expect(await cache.versionOf(1, ACCOUNT, 'customer')).toBe(4);
  });

  it('forgets everything when notifications may have been missed, and holds nothing while not listening', async () => {
    const { cache, rows, changes, missed, reads } = setUp();
    rows.set(1, ticketAt(1, 3));
    await cache.findTicket(1, ACCOUNT, 'customer');
    missed();
    rows.set(1, ticketAt(1, 5));
    expect((await cache.findTicket(1, ACCOUNT, 'customer'))?.version).toBe(5);
    changes.isListening = false;
    rows.set(1, ticketAt(1, 6));
    expect((await cache.findTicket(1, ACCOUNT, 'customer'))?.version).toBe(6);
    expect(reads()).toBe(3);
  });

  it("holds what each reader sees apart: a staff read is not a customer's answer", async () => {
    const { cache, rows, reads } = setUp();
    rows.set(1, ticketAt(1, 3));
    await cache.findTicket(1, ACCOUNT, 'customer');
    await cache.findTicket(1, ACCOUNT, 'staff');
    await cache.findTicket(1, ACCOUNT, 'customer');
    await cache.findTicket(1, ACCOUNT, 'staff');
    expect(reads()).toBe(2);
  });

  it("never answers another account's read of a held ticket", async () => {
    const { cache, rows } = setUp();
    rows.set(1, ticketAt(1, 3));
    await cache.findTicket(1, ACCOUNT, 'customer');
    expect(await cache.findTicket(1, 'someone-else', 'customer')).toBeNull();
  });

  it('evicts the least recently read tickets past its weight budget', async () => {
    const { cache, rows, reads } = setUp(25);
    for (const id of [1, 2, 3]) rows.set(id, ticketAt(id, 1, 9));
    await cache.findTicket(1, ACCOUNT, 'customer');
    await cache.findTicket(2, ACCOUNT, 'customer');
    await cache.findTicket(1, ACCOUNT, 'customer');
    await cache.findTicket(3, ACCOUNT, 'customer');
    expect(cache.size).toBe(2);
    await cache.findTicket(1, ACCOUNT, 'customer');
    expect(reads()).toBe(3);
    await cache.findTicket(2, ACCOUNT, 'customer');
    expect(reads()).toBe(4);
  });
});
