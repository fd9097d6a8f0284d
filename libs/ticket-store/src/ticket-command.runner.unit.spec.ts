import type { TicketEvent } from '@app/domain';
import { ticketStreamId } from '@app/domain';
import { addMessage, addNote, anActor, closeTicket, opened } from '@test/support/ticket.builders';
import { WrongExpectedVersionError } from '@app/event-store';
import type { AppendResult, EventStore, ReadStreamOptions, StoredEvent } from '@app/event-store';
import type { Principal } from '@app/platform/auth/principal';
import type { RequestContext } from './request-context';
import type { IdAllocator } from './id-allocator';
import { TicketCommandRunner } from './ticket-command.runner';
import { TicketBusyError, VersionMismatchError } from './ticket-store.errors';

const OWNER = '123';
const TICKET = 789;

/** An in-memory event store whose appends can be held, to keep a ticket's queue busy; versions are unique. */
class HeldEventStore implements EventStore<TicketEvent> {
  readonly streams = new Map<string, StoredEvent<TicketEvent>[]>();
  reads = 0;
  appends = 0;
  private hold: Promise<void> | undefined;
  private release: (() => void) | undefined;

  constructor(events: TicketEvent[]) {
    this.streams.set(
      ticketStreamId(TICKET),
      events.map((e, i) => this.stored(e, i + 1)),
    );
  }

  holdAppends(): void {
    this.hold = new Promise((resolve) => (this.release = resolve));
  }

  releaseAppends(): void {
    this.release?.();
    this.hold = undefined;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}) {
    this.reads++;
    const after = options.afterVersion ?? 0;
    const events = (this.streams.get(streamId) ?? []).filter((e) => e.streamVersion > after);
    return options.limit === undefined ? events : events.slice(0, options.limit);
  }

  async appendToStream(
    streamId: string,
    expectedVersion: number,
    events: readonly TicketEvent[],
  ): Promise<AppendResult<TicketEvent>> {
    await this.hold;
    this.appends++;
    const stream = this.streams.get(streamId) ?? [];
    if (stream.length !== expectedVersion)
      throw new WrongExpectedVersionError(streamId, expectedVersion);
    const stored = events.map((e, i) => this.stored(e, expectedVersion + i + 1));
    this.streams.set(streamId, [...stream, ...stored]);
    return { nextExpectedVersion: expectedVersion + events.length, events: stored };
  }

  private stored(event: TicketEvent, version: number): StoredEvent<TicketEvent> {
    const streamId = ticketStreamId(TICKET);
    const at = event.metadata.occurredAt;
    return {
      eventId: `${streamId}-${version}`,
      globalPosition: String(version),
      streamId,
      streamVersion: version,
      recordedAt: at,
      event,
    };
  }
}

const contextFor = (accountId: string): RequestContext => {
  const principal: Principal = {
    apiKeyId: 'k',
    role: 'customer',
    keyAccountId: accountId,
    accountId,
  };
  return { principal, requestId: 'r' };
};

const reply = (accountId: string, messageId: number) =>
  addMessage(
    { messageId },
    anActor('customer', { actor: { role: 'customer', accountId, apiKeyId: 'k' } }),
  );

const settled = async (promise: Promise<unknown>) => {
  const outcome = await Promise.race([
    promise.then(
      () => 'resolved',
      (error: unknown) => error,
    ),
    new Promise((resolve) => setTimeout(() => resolve('still waiting'), 200)),
  ]);
  return outcome;
};

describe('TicketCommandRunner', () => {
  it("refuses another account's command as not found at once, without queueing behind the ticket's commands", async () => {
    const store = new HeldEventStore([opened({ ticketId: TICKET, accountId: OWNER })]);
    const runner = new TicketCommandRunner(store, { maxWaiting: 10, maxWaitMs: 5_000 });
    store.holdAppends();
    const ownersReply = runner.run(TICKET, contextFor(OWNER), reply(OWNER, 1));

    const intruder = runner.run(TICKET, contextFor('999'), closeTicket());

    expect(await settled(intruder)).toMatchObject({ code: 'TICKET_NOT_FOUND' });
    store.releaseAppends();
    await expect(ownersReply).resolves.toMatchObject({ version: 2 });
  });

  it('refuses a command on a ticket that does not exist as not found at once', async () => {
    const store = new HeldEventStore([]);
    const runner = new TicketCommandRunner(store, { maxWaiting: 10, maxWaitMs: 5_000 });

    expect(await settled(runner.run(TICKET, contextFor(OWNER), closeTicket()))).toMatchObject({
      code: 'TICKET_NOT_FOUND',
    });
  });

  it('refuses a command as busy (503 with Retry-After) when too many wait on one ticket', async () => {
    const store = new HeldEventStore([opened({ ticketId: TICKET, accountId: OWNER })]);
    const runner = new TicketCommandRunner(store, { maxWaiting: 1, maxWaitMs: 5_000 });
    store.holdAppends();
    const running = runner.run(TICKET, contextFor(OWNER), reply(OWNER, 1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const waiting = runner.run(TICKET, contextFor(OWNER), reply(OWNER, 2));

    const refused = await settled(runner.run(TICKET, contextFor(OWNER), reply(OWNER, 3)));

    expect(refused).toEqual(new TicketBusyError(TICKET));
    store.releaseAppends();
    await expect(Promise.all([running, waiting])).resolves.toHaveLength(2);
    expect(store.streams.get(ticketStreamId(TICKET))).toHaveLength(3);
  });

  it('loads a long stream in pages and folds it whole', async () => {
    const replies = Array.from({ length: 2_500 }, (_, i) => reply(OWNER, i + 1)).map((command) => ({
      type: 'MessageAdded' as const,
      schemaVersion: 1,
      data: { ...command.data, authorType: 'customer' as const },
      metadata: command.metadata,
    }));
    const store = new HeldEventStore([opened({ ticketId: TICKET, accountId: OWNER }), ...replies]);
    const runner = new TicketCommandRunner(store, { maxWaiting: 10, maxWaitMs: 5_000 });

    const outcome = await runner.run(TICKET, contextFor(OWNER), reply(OWNER, 9_999));

    expect(outcome.version).toBe(2_502);
    expect(outcome.ticket.messageIds.size).toBe(2_501);
    expect(store.reads).toBeGreaterThan(2);
  });

  it('decides a command on the state it cached, without reading the stream again', async () => {
    const store = new HeldEventStore([opened({ ticketId: TICKET, accountId: OWNER })]);
    const runner = new TicketCommandRunner(store, { maxWaiting: 10, maxWaitMs: 5_000 });
    await runner.run(TICKET, contextFor(OWNER), reply(OWNER, 1));
    const reads = store.reads;

    const outcome = await runner.run(TICKET, contextFor(OWNER), reply(OWNER, 2));

    expect(outcome.version).toBe(3);
    expect(store.reads).toBe(reads);
  });

  it('loses no update when another instance appended after the cached state: it re-reads and decides again', async () => {
    const store = new HeldEventStore([opened({ ticketId: TICKET, accountId: OWNER })]);
    const here = new TicketCommandRunner(store, { maxWaiting: 10, maxWaitMs: 5_000 });
    const elsewhere = new TicketCommandRunner(store, { maxWaiting: 10, maxWaitMs: 5_000 });
    await here.run(TICKET, contextFor(OWNER), reply(OWNER, 1));
    await elsewhere.run(TICKET, contextFor(OWNER), reply(OWNER, 2));

    const outcome = await here.run(TICKET, contextFor(OWNER), reply(OWNER, 3));

    expect(outcome.version).toBe(4);
    expect([...outcome.ticket.messageIds]).toEqual(expect.arrayContaining([1, 2, 3]));
    expect(store.streams.get(ticketStreamId(TICKET))).toHaveLength(4);
  });

  it("renumbers a reply whose id is not above the ticket's last message id (another instance's later id), in queue order", async () => {
    const store = new HeldEventStore([opened({ ticketId: TICKET, accountId: OWNER })]);
    const ids = {
      above: async (_: string, floor: number) => floor + 100,
    } as unknown as IdAllocator;
    const here = new TicketCommandRunner(store, { maxWaiting: 10, maxWaitMs: 5_000 }, ids);
    const elsewhere = new TicketCommandRunner(store, { maxWaiting: 10, maxWaitMs: 5_000 }, ids);
    await elsewhere.run(TICKET, contextFor(OWNER), reply(OWNER, 50));

    const [first, second] = await Promise.all([
      here.run(TICKET, contextFor(OWNER), reply(OWNER, 7)),
      here.run(TICKET, contextFor(OWNER), reply(OWNER, 8)),
    ]);

    expect([...second.ticket.messageIds]).toEqual([50, 150, 250]);
    expect(first.events[0].event).toMatchObject({ data: { messageId: 150 } });
    expect(second.events[0].event).toMatchObject({ data: { messageId: 250 } });
  });

  it('judges If-Match and refusals on the stored state, not on a cached state another instance moved past', async () => {
    const store = new HeldEventStore([opened({ ticketId: TICKET, accountId: OWNER })]);
    const here = new TicketCommandRunner(store, { maxWaiting: 10, maxWaitMs: 5_000 });
    const elsewhere = new TicketCommandRunner(store, { maxWaiting: 10, maxWaitMs: 5_000 });
    await here.run(TICKET, contextFor(OWNER), reply(OWNER, 1));
    const moved = await elsewhere.run(TICKET, contextFor(OWNER), reply(OWNER, 2));
    const ifMatch = (version: number): RequestContext => ({
      ...contextFor(OWNER),
      expectedVersion: version,
    });

    await expect(here.run(TICKET, ifMatch(moved.version), reply(OWNER, 3))).resolves.toMatchObject({
      version: moved.version + 1,
    });
    await elsewhere.run(TICKET, contextFor(OWNER), closeTicket());
    await expect(here.run(TICKET, contextFor(OWNER), reply(OWNER, 4))).rejects.toMatchObject({
      code: 'TICKET_CLOSED',
    });
  });

  it('decides the commands queued behind a busy ticket one after another and appends them together; a refused one fails alone', async () => {
    const store = new HeldEventStore([opened({ ticketId: TICKET, accountId: OWNER })]);
    const runner = new TicketCommandRunner(store, { maxWaiting: 10, maxWaitMs: 5_000 });
    store.holdAppends();
    const first = runner.run(TICKET, contextFor(OWNER), reply(OWNER, 1));
    await new Promise((resolve) => setTimeout(resolve, 10));
    const queued = [
      runner.run(TICKET, contextFor(OWNER), reply(OWNER, 2)),
      runner.run(TICKET, contextFor(OWNER), closeTicket()),
      runner.run(TICKET, contextFor(OWNER), reply(OWNER, 3)),
    ];
    store.releaseAppends();

    const [second, closed, late] = await Promise.allSettled(queued);
    await expect(first).resolves.toMatchObject({ version: 2 });
    expect(second).toMatchObject({ status: 'fulfilled', value: { version: 3 } });
    expect(closed).toMatchObject({ status: 'fulfilled', value: { version: 4 } });
    expect(late).toMatchObject({ status: 'rejected', reason: { code: 'TICKET_CLOSED' } });
    expect(
      (second as PromiseFulfilledResult<{ events: readonly unknown[] }>).value.events,
    ).toHaveLength(1);
    expect(store.appends).toBe(2);
    expect(store.streams.get(ticketStreamId(TICKET))).toHaveLength(4);
  });

  describe('versions as each role counts them', () => {
    const staffFor = (accountId: string, expectedVersion?: number): RequestContext => ({
      principal: { apiKeyId: 's', role: 'staff', keyAccountId: null, accountId },
      requestId: 'r',
      expectedVersion,
    });
    const note = (noteId: number) => addNote({ noteId }, anActor('staff'));

    it('a note moves the staff version but not the customer one, and stamps the customer version on each event', async () => {
      const store = new HeldEventStore([opened({ ticketId: TICKET, accountId: OWNER })]);
      const runner = new TicketCommandRunner(store);
      const noted = await runner.run(TICKET, staffFor(OWNER), note(10));
      const replied = await runner.run(TICKET, contextFor(OWNER), reply(OWNER, 11));

      expect(noted.version).toBe(2);
      expect(replied.version).toBe(2);
      expect(
        store.streams
          .get(ticketStreamId(TICKET))!
          .map((e) => [e.streamVersion, e.event.metadata.customerVersion]),
      ).toEqual([
        [1, undefined],
        [2, 1],
        [3, 2],
      ]);
    });

    it("a customer's If-Match holds across a note it cannot see; a staff one does not", async () => {
      const store = new HeldEventStore([opened({ ticketId: TICKET, accountId: OWNER })]);
      const runner = new TicketCommandRunner(store);
      await runner.run(TICKET, staffFor(OWNER), note(10));

      await expect(
        runner.run(TICKET, { ...contextFor(OWNER), expectedVersion: 1 }, reply(OWNER, 11)),
      ).resolves.toMatchObject({ version: 2 });
      await expect(runner.run(TICKET, staffFor(OWNER, 2), note(12))).rejects.toBeInstanceOf(
        VersionMismatchError,
      );
    });
  });
});
