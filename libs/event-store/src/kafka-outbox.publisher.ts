import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { Producer } from 'kafkajs';
import { KAFKA_RETRY } from '@app/platform/kafka/kafka-client';
import { kafkaLogCreator } from '@app/platform/kafka/kafka-log';
import type { OutboxMessage, OutboxPublisher } from './outbox-publisher.port';

export class KafkaOutboxPublisher implements OutboxPublisher {
  private readonly kafka: Kafka;
  private producer: Producer;
  private connected?: Promise<void>;

  constructor(brokers: string[], clientId: string) {
    this.kafka = new Kafka({
      clientId,
      brokers,
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator,
      // the relay retries a failed batch itself: a short client retry shows an outage in readiness at once
      retry: { ...KAFKA_RETRY, retries: 2 },
    });
    this.producer = this.newProducer();
  }

  async publish(messages: readonly OutboxMessage[]): Promise<void> {
    this.connected ??= this.producer.connect();
    // the whole relay batch in one produce request per broker
    const byTopic = new Map<string, OutboxMessage[]>();
    for (const m of messages) {
      const ofTopic = byTopic.get(m.topic);
      if (ofTopic) ofTopic.push(m);
      else byTopic.set(m.topic, [m]);
    }
    try {
      await this.connected;
      await this.producer.sendBatch({
        acks: -1,
        topicMessages: [...byTopic].map(([topic, batch]) => ({
          topic,
          messages: batch.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
        })),
      });
    } catch (error) {
      this.replaceProducer();
      throw error;
    }
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
  }

  // idempotent with one request in flight: no duplicates from producer retries, order kept per partition
  private newProducer(): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  /**
   * After a failed batch the next one goes through a new producer (a new producer id): a broker that
   * restarted may have lost the old one's sequence numbers and would refuse it forever
   * (OUT_OF_ORDER_SEQUENCE_NUMBER). A batch sent twice this way is a duplicate the projector ignores.
   */
  private replaceProducer(): void {
    const old = this.producer;
    this.producer = this.newProducer();
    this.connected = undefined;
    // not awaited: disconnecting a producer whose connect is still retrying can hang, and the relay must go on
    void old.disconnect().catch(() => undefined);
  }
}

export async function ensureTopic(
  brokers: string[],
  clientId: string,
  topic: string,
  partitions: number,
): Promise<void> {
  const admin = new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator: kafkaLogCreator,
    retry: KAFKA_RETRY,
  }).admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    if (!existing.includes(topic)) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
      });
    }
    // another service may have just created it: consumers fail on a topic whose partitions have no leader yet
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
    const led = topics[0]?.partitions ?? [];
    if (led.length === 0 || led.some((p) => p.leader < 0)) {
      throw new Error(`topic ${topic} has partitions without a leader yet`);
    }
  } finally {
    await admin.disconnect();
  }
}

/**
 * ensureTopic, retried until the broker answers (backoff capped at 2 s), so a service starts and
 * serves while Kafka is down; its outbox or consumer catches up once the topic exists.
 */
export async function ensureTopicEventually(
  brokers: string[],
  clientId: string,
  topic: string,
  partitions: number,
  onRetry: (error: unknown) => void,
): Promise<void> {
  for (let delay = 250; ; delay = Math.min(delay * 2, 2_000)) {
    try {
      return await ensureTopic(brokers, clientId, topic, partitions);
    } catch (error) {
      onRetry(error);
      await new Promise((resolve) => setTimeout(resolve, delay).unref());
    }
  }
}
