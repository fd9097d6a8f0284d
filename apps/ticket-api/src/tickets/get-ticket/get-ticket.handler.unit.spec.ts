import { KeyedWakeups } from '@app/event-store';
import type { TicketReadModel, TicketResponse } from '@app/read-model';
import { RecordingEventStore } from '@test/support/recording-event-store';
import { messageAdded, opened } from '@test/support/ticket.builders';
import { WaitLimits } from '../../waits/wait-limits';
import { GetTicketHandler, MIN_VERSION_WAIT_MS } from './get-ticket.handler';
import { GetTicketQuery } from './get-ticket.query';
import type { ReadModelAdvances } from './read-model-advances';

const TICKET = 789;
const OWNER = '123';
const KEY = 'key-1';

/** A stream of `versions` events in the store. */
const storeOf = (versions: number): RecordingEventStore =>
  new RecordingEventStore(TICKET, [
    opened({ ticketId: TICKET, accountId: OWNER }),
    ...Array.from({ length: versions - 1 }, (_, i) => messageAdded({ messageId: i + 1 })),
  ]);

/** The projector's table for one ticket, with a count of the times a reader asked for its version. */
class ReadModelAt implements TicketReadModel {
  versionReads = 0;

  constructor(public version: number) {}

  async versionOf(): Promise<number> {
    this.versionReads += 1;
    return this.version;
  }

  async findTicket(ticketId: number): Promise<TicketResponse> {
    return { id: ticketId, version: this.version } as TicketResponse;
  }

  findMessages(): never {
    throw new Error('not read here');
  }

  listTickets(): never {
    throw new Error('not read here');
  }
}

/** The projector's notifications, sent by the test. */
class Advances implements ReadModelAdvances {
  readonly wakeups = new KeyedWakeups();
  readonly isClosed = false;

  next(ticketId: number, timeoutMs: number) {
    return this.wakeups.next(String(ticketId), timeoutMs);
  }

  projected(ticketId: number): void {
    this.wakeups.wake([String(ticketId)]);
  }
}

const setUp = (readModelVersion: number, storeVersion: number, perKey = 8) => {
  const readModel = new ReadModelAt(readModelVersion);
  const store = storeOf(storeVersion);
  const advances = new Advances();
  const handler = new GetTicketHandler(
    readModel,
    store,
    advances,
    new WaitLimits('minVersion reads', { perKey, perInstance: 100 }),
  );
  const get = (minVersion: number, key = KEY) =>
    handler.execute(new GetTicketQuery(TICKET, OWNER, 'customer', key, minVersion));
  return { readModel, store, advances, get };
};

describe('GET /api/Ticket/{id}?minVersion= (GetTicketHandler)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('answers 409 MIN_VERSION_AHEAD at once when the event store has no such version, after three reads', async () => {
    const { readModel, store, get } = setUp(3, 3);

    const asked = get(10);

    await expect(asked).rejects.toMatchObject({ code: 'MIN_VERSION_AHEAD' });
    expect({ readModel: readModel.versionReads, store: store.reads.length }).toEqual({
      readModel: 1,
      store: 2,
    });
  });

  it("waits on the projector's notification for the ticket, not a poll: one read of the read model per wake-up", async () => {
    const { readModel, advances, get } = setUp(1, 2);

    const asked = get(2);
    await jest.advanceTimersByTimeAsync(900);
    const readsWhileWaiting = readModel.versionReads;
    readModel.version = 2;
    advances.projected(TICKET);

    await expect(asked).resolves.toEqual({ ticket: { id: TICKET, version: 2 } });
    expect(readsWhileWaiting).toBe(2);
    expect(readModel.versionReads).toBe(3);
  });

  it('answers 503 READ_MODEL_BEHIND with Retry-After when the read model does not get there in time', async () => {
    const { readModel, get } = setUp(1, 2);

    const asked = get(2);
    const outcome = expect(asked).rejects.toMatchObject({
      code: 'READ_MODEL_BEHIND',
      extras: { headers: { 'retry-after': '1' } },
    });
    await jest.advanceTimersByTimeAsync(MIN_VERSION_WAIT_MS + 1_000);

    await outcome;
    // the once-a-second safety net, not a poll every few milliseconds
    expect(readModel.versionReads).toBeLessThanOrEqual(6);
  });

  it('refuses a key its wait beyond the limit with 429 TOO_MANY_WAITS, and frees the place after', async () => {
    const { readModel, advances, get } = setUp(1, 2, 1);

    const first = get(2);
    await jest.advanceTimersByTimeAsync(0);
    await expect(get(2)).rejects.toMatchObject({ code: 'TOO_MANY_WAITS' });
    readModel.version = 2;
    advances.projected(TICKET);
    await first;

    await expect(get(2)).resolves.toEqual({ ticket: { id: TICKET, version: 2 } });
  });
});
