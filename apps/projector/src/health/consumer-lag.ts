import { KAFKA_RETRY } from '@app/platform/kafka/kafka-client';
import { Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';

export interface PartitionLag {
  readonly partition: number;
  readonly eventsBehind: number;
  readonly secondsBehind: number;
}

export interface Lag {
  /** Events on the topic that the group has not committed yet. */
  readonly eventsBehind: number;
  /** Age of the oldest of them, in seconds; 0 when nothing is behind. */
  readonly secondsBehind: number;
  readonly partitions: readonly PartitionLag[];
}

interface Sample {
  readonly at: number;
  readonly high: number;
}

const MAX_SAMPLES = 1_000;

/**
 * The age of the oldest event not yet committed on each partition. Exact when the event is known (the one a
 * replica is projecting); otherwise bounded from below by the first observation of the partition's end
 * beyond the committed offset, which is accurate to the sampling period and keeps growing while it is stuck.
 */
export class PendingAge {
  private readonly samples = new Map<number, Sample[]>();

  /** Seconds; `inFlightSince` is the time of the event being projected on that partition, if known. */
  observe(
    partition: number,
    high: number,
    committed: number,
    now: number,
    inFlightSince?: number,
  ): number {
    // samples whose end was beyond the committed offset: the oldest pending event existed by then
    const relevant = (this.samples.get(partition) ?? []).filter((s) => s.high > committed);
    if (high > committed && relevant.at(-1)?.high !== high) relevant.push({ at: now, high });
    this.samples.set(
      partition,
      relevant.length > MAX_SAMPLES
        ? [relevant[0], ...relevant.slice(-(MAX_SAMPLES - 1))]
        : relevant,
    );
    if (high <= committed) return 0;
    const known = inFlightSince === undefined ? 0 : now - inFlightSince;
    return Math.round(Math.max(now - relevant[0].at, known, 0)) / 1000;
  }
}

/** Consumer-group lag: the topic's high watermarks minus the group's committed offsets, and their age. */
export class ConsumerLag {
  private readonly admin: Admin;
  private connected?: Promise<void>;
  private readonly age = new PendingAge();
  private last?: { at: number; lag: Promise<Lag> };
  private timer?: NodeJS.Timeout;

  constructor(
    brokers: string[],
    clientId: string,
    private readonly groupId: string,
    private readonly topic: string,
    private readonly inFlightSince: (partition: number) => number | undefined = () => undefined,
  ) {
    // few retries: a scrape or a readiness probe must not wait out a broker outage
    this.admin = new Kafka({
      clientId,
      brokers,
      logLevel: logLevel.NOTHING,
      retry: { ...KAFKA_RETRY, retries: 2 },
    }).admin();
  }

  /** Measures at most once per `maxAgeMs`: health and both gauges share one round trip. */
  measure(maxAgeMs = 250): Promise<Lag> {
    if (this.last && Date.now() - this.last.at < maxAgeMs) return this.last.lag;
    const lag = this.fetch();
    const entry = { at: Date.now(), lag };
    this.last = entry;
    lag.catch(() => {
      if (this.last === entry) this.last = undefined;
    });
    return lag;
  }

  startSampling(intervalMs: number): void {
    this.timer ??= setInterval(() => {
      this.measure(0).catch(() => undefined);
    }, intervalMs);
    this.timer.unref();
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    if (this.connected) await this.admin.disconnect().catch(() => undefined);
  }

  private async fetch(): Promise<Lag> {
    this.connected ??= this.admin.connect().catch((error: unknown) => {
      this.connected = undefined;
      throw error;
    });
    await this.connected;
    const [ends, committed] = await Promise.all([
      this.admin.fetchTopicOffsets(this.topic),
      this.admin.fetchOffsets({ groupId: this.groupId, topics: [this.topic] }),
    ]);
    const done = new Map(
      (committed[0]?.partitions ?? []).map((p) => [p.partition, Number(p.offset)]),
    );
    const now = Date.now();
    const partitions = ends
      .map((p) => {
        const high = Number(p.high);
        const position = Math.max(done.get(p.partition) ?? -1, Number(p.low));
        return {
          partition: p.partition,
          eventsBehind: Math.max(0, high - position),
          secondsBehind: this.age.observe(
            p.partition,
            high,
            position,
            now,
            this.inFlightSince(p.partition),
          ),
        };
      })
      .sort((a, b) => a.partition - b.partition);
    return {
      eventsBehind: partitions.reduce((sum, p) => sum + p.eventsBehind, 0),
      secondsBehind: Math.max(0, ...partitions.map((p) => p.secondsBehind)),
      partitions,
    };
  }
}
