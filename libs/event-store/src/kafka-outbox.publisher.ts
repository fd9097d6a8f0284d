import { Kafka, logLevel, Partitioners } from 'kafkajs';
import type { Producer } from 'kafkajs';
import type { OutboxMessage, OutboxPublisher } from './outbox-publisher.port';

export class KafkaOutboxPublisher implements OutboxPublisher {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(brokers: string[], clientId: string) {
    const kafka = new Kafka({ clientId, brokers, logLevel: logLevel.WARN });
    // idempotent with one request in flight: no duplicates from producer retries, order kept per partition
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async publish(messages: readonly OutboxMessage[]): Promise<void> {
    this.connected ??= this.producer.connect();
    await this.connected;
    const byTopic = new Map<string, OutboxMessage[]>();
    for (const m of messages) byTopic.set(m.topic, [...(byTopic.get(m.topic) ?? []), m]);
    await this.producer.sendBatch({
      acks: -1,
      topicMessages: [...byTopic].map(([topic, batch]) => ({
        topic,
        messages: batch.map((m) => ({ key: m.key, value: m.value, headers: m.headers })),
      })),
    });
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
  }
}

export async function ensureTopic(
  brokers: string[],
  clientId: string,
  topic: string,
  partitions: number,
): Promise<void> {
  const admin = new Kafka({ clientId, brokers, logLevel: logLevel.WARN }).admin();
  await admin.connect();
  try {
    const existing = await admin.listTopics();
    if (!existing.includes(topic)) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }],
      });
    }
  } finally {
    await admin.disconnect();
  }
}
