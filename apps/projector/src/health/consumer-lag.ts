import { Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';

export interface Lag {
  eventsBehind: number;
}

/** Consumer-group lag: the topic's high watermarks minus the group's committed offsets. */
export class ConsumerLag {
  private readonly admin: Admin;
  private connected?: Promise<void>;

  constructor(
    brokers: string[],
    clientId: string,
    private readonly groupId: string,
    private readonly topic: string,
  ) {
    this.admin = new Kafka({ clientId, brokers, logLevel: logLevel.NOTHING }).admin();
  }

  async measure(): Promise<Lag> {
    this.connected ??= this.admin.connect();
    await this.connected;
    const [ends, committed] = await Promise.all([
      this.admin.fetchTopicOffsets(this.topic),
      this.admin.fetchOffsets({ groupId: this.groupId, topics: [this.topic] }),
    ]);
    const done = new Map(
      (committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
    );
    const eventsBehind = ends.reduce((sum, p) => {
      const position = done.get(p.partition) ?? -1;
      const start = position < 0 ? Number(p.low) : position;
      return sum + Math.max(0, Number(p.high) - start);
    }, 0);
    return { eventsBehind };
  }

  async close(): Promise<void> {
    if (this.connected) await this.admin.disconnect();
  }
}
