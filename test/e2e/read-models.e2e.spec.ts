import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Pool } from 'pg';
import type { TicketEvent } from '@app/domain';
import { toEnvelope } from '@app/event-store';
import type { PgEventStore } from '@app/event-store';
import { withTransaction } from '@app/platform/db/database';
import { copyReadModelSchema } from '@app/read-model';
import { KafkaTestClient } from '../support/kafka-test-client';
import { ProjectorProcess } from '../support/projector-process';
import { openingEventStore, readModelDetail, threadLength } from '../support/read-model';
import { foldTicketDetail } from '@app/read-model';
import { closeTestPool, customerKey, newAccountId, staffKey, testPool } from '../support/api-keys';
import { endpoints } from '../support/endpoints';
import type { ApiResponse } from '../support/http';
import { api } from '../support/http';
import { openTicket } from '../support/tickets';

const ROOT = join(__dirname, '../..');
const TOPIC = process.env.TICKET_EVENTS_TOPIC ?? 'ticket-events';
const RUN = randomUUID().slice(0, 8);

let pool: Pool;
let store: PgEventStore<TicketEvent>;
let kafka: KafkaTestClient;
const projectors: ProjectorProcess[] = [];
const readModels: ReadModel[] = [];

interface ReadModel {
  readonly schema: string;
  readonly groupId: string;
}

/** A read model of its own: an empty copy of the schema and a consumer group starting at the topic's end. */
async function aReadModel(name: string): Promise<ReadModel> {
  const readModel = { schema: `rm_${name}_${RUN}`, groupId: `rm-${name}-${RUN}` };
  await withTransaction(pool, (client) =>
    copyReadModelSchema(client, 'read_model', readModel.schema),
  );
  await kafka.startGroupAtEnd(readModel.groupId);
  readModels.push(readModel);
  return readModel;
}

async function startProjector(
  readModel: ReadModel,
  replica: string,
  extraEnv: Record<string, string> = {},
): Promise<ProjectorProcess> {
  const projector = await ProjectorProcess.start({
    root: ROOT,
    env: { ...process.env, ...endpoints() },
    groupId: readModel.groupId,
    schema: readModel.schema,
    logFile: join(ROOT, `.local/run/test/logs/projector-${readModel.groupId}-${replica}.log`),
    extraEnv,
  });
  projectors.push(projector);
  return projector;
}

/** Polls until `accept` holds; fails with the last value seen. */
async function until<T>(
  what: string,
  probe: () => Promise<T>,
  accept: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await probe();
  while (!accept(last)) {
    if (Date.now() > deadline) {
      throw new Error(`${what}: not reached in ${timeoutMs} ms; last ${JSON.stringify(last)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    last = await probe();
  }
  return last;
}

const versionOf = (response: ApiResponse): number =>
  Number(response.headers.get('etag')?.replace(/"/g, ''));

const row = (readModel: ReadModel, ticketId: number) =>
  readModelDetail(pool, readModel.schema, ticketId);

const rowAt = (readModel: ReadModel, ticketId: number, version: number) =>
  until(
    `ticket ${ticketId} at version ${version} in ${readModel.schema}`,
    () => row(readModel, ticketId),
    (r) => (r?.version ?? 0) >= version,
  );

/** The read model's row against the ticket folded from the event store: equal, and messages counted once. */
async function differenceFromStore(readModel: ReadModel, ticketId: number): Promise<string | null> {
  const [projected, events] = await Promise.all([
    row(readModel, ticketId),
    store.readStream(`ticket-${ticketId}`),
  ]);
  const folded = foldTicketDetail(events, 'staff');
  if (!projected) return `ticket ${ticketId}: no row`;
  const { messageCount, ...detail } = projected;
  if (messageCount !== threadLength(folded)) {
    return `ticket ${ticketId}: message_count ${messageCount}`;
  }
  return isDeepStrictEqual(detail, folded)
    ? null
    : `ticket ${ticketId}: version ${detail.version} of ${folded?.version}, ` +
        `${detail.messages.length} of ${folded?.messages.length} messages, ${detail.status}`;
}

async function expectSameAsStore(readModel: ReadModel, ticketId: number): Promise<void> {
  const [projected, events] = await Promise.all([
    row(readModel, ticketId),
    store.readStream(`ticket-${ticketId}`),
  ]);
  const { messageCount, ...detail } = projected!;
  const folded = foldTicketDetail(events, 'staff');
  expect(detail).toEqual(folded);
  expect(messageCount).toBe(threadLength(folded));
}

const nextId = async (sequence: string): Promise<number> =>
  Number((await pool.query<{ id: string }>(`SELECT nextval('${sequence}') AS id`)).rows[0].id);

const envelopesOf = async (ticketId: number): Promise<string[]> =>
  (await store.readStream(`ticket-${ticketId}`)).map((e) => JSON.stringify(toEnvelope(e)));

beforeAll(async () => {
  pool = testPool();
  store = openingEventStore(pool, TOPIC);
  kafka = new KafkaTestClient(endpoints().KAFKA_BROKERS, TOPIC);
});

afterAll(async () => {
  await Promise.all(projectors.map((p) => p.kill('SIGTERM')));
  for (const { schema, groupId } of readModels) {
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.query('DELETE FROM projector_dead_letters WHERE consumer_group = $1', [groupId]);
    await kafka.deleteGroup(groupId);
  }
  await kafka.close();
  await closeTestPool();
});

describe('a projector with a read model of its own, on the real topic', () => {
  let readModel: ReadModel;
  let projector: ProjectorProcess;
  let accountId: string;
  let customer: string;

  beforeAll(async () => {
    readModel = await aReadModel('main');
    projector = await startProjector(readModel, 'a');
    accountId = newAccountId();
    customer = await customerKey(accountId);
  });

  const reply = async (ticketId: number, message: string) => {
    const response = await api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
      key: customer,
      body: { message },
    });
    expect(response.status).toBe(201);
    return versionOf(response);
  };

  it('applies a redelivered event once: the same envelopes published again change nothing', async () => {
    const ticketId = await openTicket(customer, accountId);
    await reply(ticketId, 'First');
    const version = await reply(ticketId, 'Second');
    const before = await rowAt(readModel, ticketId, version);
    const duplicates = await projector.metric('projector_events_total{result="duplicate"}');

    await kafka.publish(String(ticketId), ...(await envelopesOf(ticketId)));

    await until(
      'duplicates counted',
      () => projector.metric('projector_events_total{result="duplicate"}'),
      (n) => n >= duplicates + 3,
    );
    expect(await row(readModel, ticketId)).toEqual(before);
    expect(before?.messageCount).toBe(2);
    await expectSameAsStore(readModel, ticketId);
  });

  it('repairs a gap: an event ahead of the row catches the ticket up from the event store', async () => {
    const ticketId = await openTicket(customer, accountId);
    await rowAt(readModel, ticketId, 1);
    const repaired = await projector.metric('projector_events_total{result="gap-repaired"}');
    // versions 2 and 3 reach the store but never the outbox: lost on the way, as far as Kafka knows
    for (const version of [2, 3]) {
      const messageId = await nextId('message_id_seq');
      const occurredAt = new Date().toISOString();
      await pool.query(
        `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
         VALUES ($1, $2, 'MessageAdded', 1, $3, $4, $5)`,
        [
          `ticket-${ticketId}`,
          version,
          { ticketId, messageId, message: `Lost ${version}`, authorType: 'customer' },
          {
            actor: { role: 'customer', accountId, apiKeyId: null },
            occurredAt,
            correlationId: RUN,
          },
          occurredAt,
        ],
      );
    }

    await kafka.publish(String(ticketId), (await envelopesOf(ticketId))[2]);

    const repairedRow = await rowAt(readModel, ticketId, 3);
    expect(repairedRow?.messages.map((m) => m.message)).toEqual(['Lost 2', 'Lost 3']);
    expect(await projector.metric('projector_events_total{result="gap-repaired"}')).toBe(
      repaired + 1,
    );
    await expectSameAsStore(readModel, ticketId);
  });

  it('dead-letters poison events with the error, counts them, and keeps consuming the partition', async () => {
    const ticketId = await openTicket(customer, accountId);
    const [opened] = await store.readStream(`ticket-${ticketId}`);
    await rowAt(readModel, ticketId, 1);
    const counted = await projector.metric('projector_events_total{result="dead-lettered"}');
    const envelope = toEnvelope(opened);
    const poison = [
      'not json {',
      JSON.stringify({ hello: 'world' }),
      JSON.stringify({ ...envelope, streamVersion: 2, type: 'TicketTeleported' }),
      JSON.stringify({ ...envelope, streamVersion: 99, type: 'MessageAdded' }),
    ];

    await kafka.publish(String(ticketId), ...poison);
    const version = await reply(ticketId, 'After the poison');

    await rowAt(readModel, ticketId, version);
    const letters = await until(
      'dead letters recorded',
      async () =>
        (
          await pool.query(
            `SELECT message_key, kafka_partition, payload, error FROM projector_dead_letters
             WHERE consumer_group = $1 AND message_key = $2 ORDER BY id`,
            [readModel.groupId, String(ticketId)],
          )
        ).rows,
      (rows) => rows.length >= 4,
    );
    expect(letters.map((l) => l.payload)).toEqual(poison);
    expect(letters.map((l) => l.error)).toEqual([
      'not a ticket event envelope',
      'not a ticket event envelope',
      'Unknown ticket event type TicketTeleported',
      `event store has no version 99 of ticket-${ticketId}`,
    ]);
    expect(new Set(letters.map((l) => l.kafka_partition)).size).toBe(1);
    expect(await projector.metric('projector_events_total{result="dead-lettered"}')).toBe(
      counted + 4,
    );
    const { rows } = await pool.query<{ count: string }>(
      'SELECT count(*) FROM projector_dead_letters WHERE consumer_group = $1',
      [readModel.groupId],
    );
    expect((await projector.health()).deadLetters).toBe(Number(rows[0].count));
    expect(await projector.metric('projector_dead_letters')).toBe(Number(rows[0].count));
    await expectSameAsStore(readModel, ticketId);
  });

  it('replays events an older version of the system stored, through the upcasters', async () => {
    const legacyAccount = newAccountId();
    const legacyKey = await customerKey(legacyAccount);
    const ticketId = await nextId('ticket_id_seq');
    const [m1, m2] = [await nextId('message_id_seq'), await nextId('message_id_seq')];
    const base = Date.now() - 60_000;
    const actor = (role: string, second: number) => ({
      actor: { role, accountId: legacyAccount, apiKeyId: null },
      occurredAt: new Date(base + second * 1000).toISOString(),
      correlationId: 'legacy-import',
    });
    const legacy: [string, number, object, ReturnType<typeof actor>][] = [
      [
        'TicketOpened',
        0,
        {
          ticketId,
          accountId: legacyAccount,
          subject: 'Imported',
          description: 'From the old desk',
          category: 'Access',
        },
        actor('customer', 0),
      ],
      [
        'MessageAdded',
        0,
        { ticketId, messageId: m1, body: 'Hello?', isStaff: false },
        actor('customer', 1),
      ],
      [
        'MessageAdded',
        0,
        { ticketId, messageId: m2, body: 'Hi!', isStaff: true },
        actor('staff', 2),
      ],
      ['TicketResolved', 1, { ticketId }, actor('staff', 3)],
    ];
    // the old writer's rows, outbox included, exactly as they would have been stored then
    await withTransaction(pool, async (client) => {
      for (const [index, [type, schemaVersion, data, metadata]] of legacy.entries()) {
        const { rows } = await client.query(
          `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING event_id, global_position, recorded_at`,
          [
            `ticket-${ticketId}`,
            index + 1,
            type,
            schemaVersion,
            data,
            metadata,
            metadata.occurredAt,
          ],
        );
        const envelope = {
          eventId: rows[0].event_id,
          globalPosition: rows[0].global_position,
          streamId: `ticket-${ticketId}`,
          streamVersion: index + 1,
          recordedAt: rows[0].recorded_at.toISOString(),
          type,
          schemaVersion,
          data,
          metadata,
        };
        await client.query(
          `INSERT INTO outbox (global_position, topic, message_key, payload) VALUES ($1, $2, $3, $4)`,
          [rows[0].global_position, TOPIC, String(ticketId), envelope],
        );
      }
    });

    const projected = await rowAt(readModel, ticketId, 4);

    expect(projected).toMatchObject({
      accountId: legacyAccount,
      topic: 'Access',
      propertyId: null,
      status: 'Resolved',
      messages: [
        { id: m1, message: 'Hello?', authorType: 'customer', authorLabel: 'You' },
        { id: m2, message: 'Hi!', authorType: 'staff', authorLabel: 'Support Team' },
      ],
    });
    await expectSameAsStore(readModel, ticketId);
    const history = await api('GET', `/api/Ticket/${ticketId}/history?accountId=${legacyAccount}`, {
      key: legacyKey,
    });
    expect(history.body.items.map((e: any) => e.data)).toEqual([
      {
        ticketId,
        accountId: legacyAccount,
        subject: 'Imported',
        description: 'From the old desk',
        topic: 'Access',
        propertyId: null,
      },
      { ticketId, messageId: m1, message: 'Hello?', authorType: 'customer' },
      { ticketId, messageId: m2, message: 'Hi!', authorType: 'staff' },
      { ticketId },
    ]);
    const asOf = await api(
      'GET',
      `/api/Ticket/${ticketId}?accountId=${legacyAccount}&asOf=${legacy[1][3].occurredAt}`,
      { key: legacyKey },
    );
    expect(asOf.body).toMatchObject({ status: 'Open', version: 2, topic: 'Access' });
    expect(asOf.body.messages).toHaveLength(1);
  });

  it('exports its lag, events and seconds behind, in health and metrics; both right while it is held back', async () => {
    await until(
      'no lag',
      () => projector.health(),
      (h) => h.lag.eventsBehind === 0 && h.lag.secondsBehind === 0,
    );
    expect(await projector.metric('projector_lag_events')).toBe(0);
    expect(await projector.metric('projector_lag_seconds')).toBe(0);

    const blocker = await pool.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`LOCK TABLE ${readModel.schema}.tickets IN ACCESS EXCLUSIVE MODE`);
      const lockedAt = Date.now();
      const ticketId = await openTicket(customer, accountId);
      await reply(ticketId, 'Held back 1');
      await reply(ticketId, 'Held back 2');
      const [first] = await store.readStream(`ticket-${ticketId}`);
      const firstRecorded = Date.parse(first.recordedAt);

      const before = Date.now();
      const held = await until(
        'lag seen',
        () => projector.health(),
        (h) => h.lag.eventsBehind >= 3 && h.lag.secondsBehind >= 1.5,
      );
      const after = Date.now();

      // nothing was pending when the lock was taken, bar events already on their way to the projector
      expect(held.lag.secondsBehind).toBeLessThanOrEqual((after - lockedAt) / 1000 + 1);
      expect(held.lag.secondsBehind).toBeGreaterThanOrEqual((before - firstRecorded) / 1000 - 0.5);
      const mine = held.lag.partitions.filter((p) => p.eventsBehind >= 3);
      expect(mine.length).toBeGreaterThanOrEqual(1);
      expect(await projector.metric('projector_lag_events')).toBeGreaterThanOrEqual(3);
      expect(await projector.metric('projector_lag_seconds')).toBeGreaterThanOrEqual(1.5);
      await blocker.query('ROLLBACK');

      await rowAt(readModel, ticketId, 3);
      await until(
        'caught up',
        () => projector.health(),
        (h) => h.lag.eventsBehind === 0 && h.lag.secondsBehind === 0,
      );
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      blocker.release();
    }
  });
});

describe('replicas share the partitions; SIGKILL mid-stream, then the read model equals the store', () => {
  it('converges for every ticket touched, with events in flight at each kill', async () => {
    const readModel = await aReadModel('kill');
    const [a, b] = await Promise.all([
      startProjector(readModel, 'a'),
      startProjector(readModel, 'b'),
    ]);
    const shared = await until(
      'both replicas assigned',
      () => kafka.assignments(readModel.groupId),
      (m) => m.size === 2 && [...m.values()].every((partitions) => partitions.length > 0),
    );
    expect([...shared.values()].flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);

    const staff = await staffKey();
    const accountId = newAccountId();
    const customer = await customerKey(accountId);
    const load = new Load(accountId, customer, staff);
    const running = load.run(12);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await a.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    await b.kill('SIGKILL');
    const inFlightAtKill = await kafka.eventsBehind(readModel.groupId);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [a2, b2] = await Promise.all([
      startProjector(readModel, 'a2'),
      startProjector(readModel, 'b2'),
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    load.stop();
    const tickets = await running;
    const stoppedAt = Date.now();

    expect(inFlightAtKill).toBeGreaterThan(0);
    expect(tickets.length).toBe(12);
    expect(load.commands).toBeGreaterThan(50);
    const differences = await until(
      'read model equal to the store',
      async () =>
        (await Promise.all(tickets.map((id) => differenceFromStore(readModel, id)))).filter(
          Boolean,
        ),
      (diffs) => diffs.length === 0,
      60_000,
    );
    expect(differences).toEqual([]);
    console.log(
      `[read-models] ${load.commands} commands on ${tickets.length} tickets, ${inFlightAtKill} events ` +
        `unprojected after both SIGKILLs; equal to the store ${Date.now() - stoppedAt} ms after the load stopped`,
    );
    const after = await until(
      'the new replicas share the partitions',
      () => kafka.assignments(readModel.groupId),
      (m) => m.size === 2 && [...m.values()].every((partitions) => partitions.length > 0),
      30_000,
    );
    expect([...after.values()].flat().sort()).toEqual([0, 1, 2, 3, 4, 5]);
    for (const replica of [a2, b2]) expect((await replica.health()).deadLetters).toBe(0);
  }, 150_000);
});

describe('read your own writes: minVersion', () => {
  let accountId: string;
  let customer: string;

  beforeAll(async () => {
    accountId = newAccountId();
    customer = await customerKey(accountId);
  });

  it('a GET with the version a reply returned sees that reply; the lag it waits for is short', async () => {
    const ticketId = await openTicket(customer, accountId);
    const waits: number[] = [];
    for (let i = 0; i < 20; i++) {
      const sent = await api('POST', `/api/Ticket/${ticketId}/message?accountId=${accountId}`, {
        key: customer,
        body: { message: `Reply ${i}` },
      });
      const started = Date.now();
      const seen = await api(
        'GET',
        `/api/Ticket/${ticketId}?accountId=${accountId}&minVersion=${versionOf(sent)}`,
        { key: customer },
      );
      waits.push(Date.now() - started);

      expect(seen.status).toBe(200);
      expect(seen.body.version).toBeGreaterThanOrEqual(versionOf(sent));
      expect(seen.body.messages.at(-1).message).toBe(`Reply ${i}`);
    }
    waits.sort((x, y) => x - y);
    console.log(
      `[read-models] 201 -> visible with minVersion: p50 ${waits[9]} ms, p95 ${waits[18]} ms, max ${waits[19]} ms`,
    );
    expect(waits[18]).toBeLessThan(3_000);
  });

  it('a version the ticket never reached is 409 MIN_VERSION_AHEAD at once, without waiting for the read model', async () => {
    const ticketId = await openTicket(customer, accountId);
    const started = Date.now();

    const response = await api(
      'GET',
      `/api/Ticket/${ticketId}?accountId=${accountId}&minVersion=99`,
      { key: customer },
    );

    expect(response.status).toBe(409);
    expect(response.body.code).toBe('MIN_VERSION_AHEAD');
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

/** Several tickets changing at once, each through the API, until stopped. */
class Load {
  commands = 0;
  private stopped = false;

  constructor(
    private readonly accountId: string,
    private readonly customer: string,
    private readonly staff: string,
  ) {}

  stop(): void {
    this.stopped = true;
  }

  async run(tickets: number): Promise<number[]> {
    return Promise.all(Array.from({ length: tickets }, (_, i) => this.oneTicket(i)));
  }

  private async oneTicket(index: number): Promise<number> {
    const ticketId = await openTicket(this.customer, this.accountId, { subject: `Load ${index}` });
    const act = async (key: string, action: string, body?: unknown) => {
      const response = await api(
        'POST',
        `/api/Ticket/${ticketId}/${action}?accountId=${this.accountId}`,
        { key, body },
      );
      if (response.status >= 300) {
        throw new Error(`${action}: ${response.status} ${JSON.stringify(response.body)}`);
      }
      this.commands++;
    };
    for (let round = 0; !this.stopped; round++) {
      await act(this.customer, 'message', { message: `Customer ${round}` });
      await act(this.staff, 'message', { message: `Support ${round}` });
      if (round % 3 === 2) {
        await act(this.staff, 'resolve');
        await act(this.customer, 'message', { message: `Reopen ${round}` });
      }
    }
    await act(this.customer, 'close');
    return ticketId;
  }
}
