import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { Consumer } from 'kafkajs';
import type { Pool } from 'pg';
import { createPool } from '@app/platform/db/database';
import { toEnvelope } from './event-envelope';
import { ensureTopic } from './kafka-outbox.publisher';
import { KafkaOutboxPublisher } from './kafka-outbox.publisher';
import { OutboxRelay } from './outbox-relay';
import { PgEventStore } from './pg-event-store';
import type { EventRecord } from './event-store.port';

const brokers = () => (process.env.KAFKA_BROKERS ?? '').split(',');

const anEvent = (n: number): EventRecord => ({
  type: 'TestHappened',
  schemaVersion: 1,
  data: { n },
  metadata: {
    occurredAt: new Date().toISOString(),
    correlationId: randomUUID(),
  } as EventRecord['metadata'],
});

async function consumeInto(
  topic: string,
  seen: string[],
  values: Map<string, unknown>,
): Promise<Consumer> {
  const consumer = new Kafka({
    clientId: 'relay-test',
    brokers: brokers(),
    logLevel: logLevel.NOTHING,
  }).consumer({
    groupId: `relay-test-${randomUUID()}`,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const eventId = String(message.headers?.['event-id']);
      seen.push(eventId);
      values.set(eventId, JSON.parse(String(message.value)));
    },
  });
  return consumer;
}

async function until(check: () => boolean, timeoutMs = 15_000): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return check();
}

describe('the outbox relay', () => {
  let pool: Pool;
  let relay: OutboxRelay;
  let publisher: KafkaOutboxPublisher;

  beforeAll(() => {
    pool = createPool(process.env.DATABASE_URL!, 4, 'relay-test');
    publisher = new KafkaOutboxPublisher(brokers(), 'relay-test');
    relay = new OutboxRelay(pool, publisher, {
      batchSize: 100,
      pollIntervalMs: 100,
      retryDelayMs: 100,
    });
    relay.start();
  });
  afterAll(async () => {
    await relay.stop();
    await publisher.disconnect();
    await pool.end();
  });

  it('publishes a row whose transaction commits after later rows were published, as the envelope of the stored event', async () => {
    const topic = `relay-test-${randomUUID()}`;
    await ensureTopic(brokers(), 'relay-test', topic, 1);
    const seen: string[] = [];
    const values = new Map<string, unknown>();
    const consumer = await consumeInto(topic, seen, values);
    const store = new PgEventStore(pool, { topic, keyOf: (s) => s }, (r) => r);

    const late = await pool.connect();
    await late.query('BEGIN');
    const lateStream = `late-${randomUUID()}`;
    const { rows } = await late.query<{ global_position: string; event_id: string }>(
      `INSERT INTO events (stream_id, stream_version, event_type, schema_version, data, metadata, occurred_at)
       VALUES ($1, 1, 'TestHappened', 1, '{}', '{}', now()) RETURNING global_position, event_id`,
      [lateStream],
    );
    await late.query(
      `INSERT INTO outbox (global_position, topic, message_key, payload)
       VALUES ($1, $2, $3, jsonb_build_object('type', 'TestHappened', 'eventId', $4::text, 'streamVersion', 1))`,
      [rows[0].global_position, topic, lateStream, rows[0].event_id],
    );

    const early = await store.appendToStream(`early-${randomUUID()}`, 0, [anEvent(1)]);
    expect(await until(() => seen.includes(early.events[0].eventId))).toBe(true);
    expect(seen).not.toContain(rows[0].event_id);
    expect(values.get(early.events[0].eventId)).toEqual(toEnvelope(early.events[0]));

    await late.query('COMMIT');
    late.release();
    expect(await until(() => seen.includes(rows[0].event_id))).toBe(true);
    await consumer.disconnect();
  });

  it('publishes the events of one append in the order they were stored', async () => {
    const topic = `relay-test-${randomUUID()}`;
    await ensureTopic(brokers(), 'relay-test', topic, 1);
    const seen: string[] = [];
    const consumer = await consumeInto(topic, seen, new Map());
    const store = new PgEventStore(pool, { topic, keyOf: (s) => s }, (r) => r);

    const appended = await store.appendToStream(
      `ordered-${randomUUID()}`,
      0,
      Array.from({ length: 40 }, (_, n) => anEvent(n)),
    );
    const ids = appended.events.map((e) => e.eventId);
    expect(await until(() => seen.length >= ids.length)).toBe(true);
    expect(seen).toEqual(ids);
    await consumer.disconnect();
  });
});
