import { AssignerProtocol, Kafka, logLevel } from 'kafkajs';
import type { Admin, Producer } from 'kafkajs';

/** Direct access to the topic for tests: raw messages, group offsets and assignments. */
export class KafkaTestClient {
  private readonly kafka: Kafka;
  private readonly admin: Admin;
  private readonly producer: Producer;
  private readonly ready: Promise<void>;

  constructor(
    brokers: string,
    readonly topic: string,
  ) {
    this.kafka = new Kafka({
      clientId: 'read-model-tests',
      brokers: brokers.split(','),
      logLevel: logLevel.NOTHING,
    });
    this.admin = this.kafka.admin();
    this.producer = this.kafka.producer();
    this.ready = Promise.all([this.admin.connect(), this.producer.connect()]).then(() => undefined);
  }

  /** Publishes values as they are (strings, not re-encoded), keyed like the outbox: by ticket id. */
  async publish(key: string, ...values: string[]): Promise<void> {
    await this.ready;
    await this.producer.send({
      topic: this.topic,
      acks: -1,
      messages: values.map((value) => ({ key, value })),
    });
  }

  /** A new group that starts where the topic ends now, instead of replaying it from the beginning. */
  async startGroupAtEnd(groupId: string): Promise<void> {
    await this.ready;
    const ends = await this.admin.fetchTopicOffsets(this.topic);
    await this.admin.setOffsets({
      groupId,
      topic: this.topic,
      partitions: ends.map((p) => ({ partition: p.partition, offset: p.high })),
    });
  }

  async eventsBehind(groupId: string): Promise<number> {
    await this.ready;
    const [ends, committed] = await Promise.all([
      this.admin.fetchTopicOffsets(this.topic),
      this.admin.fetchOffsets({ groupId, topics: [this.topic] }),
    ]);
    const done = new Map(committed[0].partitions.map((p) => [p.partition, Number(p.offset)]));
    return ends.reduce(
      (sum, p) => sum + Math.max(0, Number(p.high) - Math.max(done.get(p.partition) ?? 0, 0)),
      0,
    );
  }

  /** Member id -> the partitions of the topic it is assigned. */
  async assignments(groupId: string): Promise<Map<string, number[]>> {
    await this.ready;
    const { groups } = await this.admin.describeGroups([groupId]);
    const result = new Map<string, number[]>();
    for (const member of groups[0]?.members ?? []) {
      const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment);
      result.set(member.memberId, decoded?.assignment[this.topic] ?? []);
    }
    return result;
  }

  async deleteGroup(groupId: string): Promise<void> {
    await this.ready;
    await this.admin.deleteGroups([groupId]).catch(() => undefined);
  }

  async close(): Promise<void> {
    await this.ready.catch(() => undefined);
    await Promise.all([this.admin.disconnect(), this.producer.disconnect()]);
  }
}
