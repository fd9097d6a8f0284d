import type { BeforeApplicationShutdown } from '@nestjs/common';
import { Kafka, logLevel } from 'kafkajs';
import type { Consumer, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { messageTrace } from './kafka-trace';
import { KAFKA_RETRY } from './kafka-client';
import { kafkaLogCreator } from './kafka-log';
import { OffsetCommitter } from './offset-committer';
import { settleBatch } from './partition-batch';
import type {
  BatchControl,
  BatchHandler,
  ConsumedMessage,
  PartitionBatch,
} from './partition-batch';

/**
 * How long a rebalance waits for the group's members to rejoin. A broker restarted after a crash reloads the
 * group with the member that died with the connection, and a join waited for it until its session expired
 * (30 s); now it is dropped after this. Members see a rebalance within a second (heartbeat and fetch wait).
 */
export const CONSUMER_REBALANCE_TIMEOUT_MS = 3_000;

/** Offsets are committed at most this often; a crash replays at most this much more, as duplicates. */
const COMMIT_INTERVAL_MS = 100;

export interface BatchConsumerOptions {
  readonly brokers: string[];
  readonly clientId: string;
  readonly groupId: string;
  readonly topic: string;
  readonly sessionTimeoutMs: number;
  readonly partitionsConcurrently: number;
  readonly retryDelayMs: number;
  /** A fetch is answered once this much is there or after maxWaitMs (long-polls while idle). */
  readonly fetch: { readonly minBytes: number; readonly maxWaitMs: number };
  readonly onError: (message: string) => void;
  /** Longest a stop waits for the last offsets' commit. */
  readonly shutdownWaitMs?: number;
}

/**
 * The event topic consumed a partition batch at a time (kafkajs eachBatch, nothing resolved automatically):
 * the handler applies a batch in one transaction, and only then are its offsets resolved and committed, so a
 * crash at any point delivers again what was not committed. A fetch returns what arrived while the previous
 * batch was applied, so batches grow with the load while a lone event goes through at once.
 */
export class BatchConsumer implements BeforeApplicationShutdown {
  private readonly consumer: Consumer;
  private readonly committer: OffsetCommitter;
  private stopping = false;
  private readonly stopped: Promise<void>;
  private signalStop!: () => void;
  private joined = false;

  constructor(private readonly options: BatchConsumerOptions) {
    this.consumer = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      retry: KAFKA_RETRY,
      logLevel: logLevel.WARN,
      logCreator: kafkaLogCreator,
    }).consumer({
      groupId: options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: options.sessionTimeoutMs,
      rebalanceTimeout: CONSUMER_REBALANCE_TIMEOUT_MS,
      heartbeatInterval: 1_000,
      minBytes: options.fetch.minBytes,
      maxWaitTimeInMs: options.fetch.maxWaitMs,
      maxBytesPerPartition: 4 * 1024 * 1024,
      retry: { ...KAFKA_RETRY, retries: Number.MAX_SAFE_INTEGER },
    });
    this.committer = new OffsetCommitter(
      (error) =>
        options.onError(`offset commit failed, its messages may come again: ${String(error)}`),
      options.shutdownWaitMs,
      COMMIT_INTERVAL_MS,
    );
    this.stopped = new Promise((resolve) => (this.signalStop = resolve));
    const { GROUP_JOIN, CRASH, STOP } = this.consumer.events;
    this.consumer.on(GROUP_JOIN, () => (this.joined = true));
    this.consumer.on(CRASH, () => (this.joined = false));
    this.consumer.on(STOP, () => (this.joined = false));
  }

  /** True while the consumer is in its group. */
  get consuming(): boolean {
    return this.joined && !this.stopping;
  }

  /** Resolves once consuming has started; the group join follows. */
  async start(handler: BatchHandler): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topic: this.options.topic, fromBeginning: true });
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConcurrently,
      eachBatch: (payload) => this.onBatch(payload, handler),
    });
  }

  /** Lets the batch being applied finish, commits what is done (bounded), leaves the group. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.signalStop();
    await this.consumer.stop().catch(() => undefined);
    await this.committer.beforeApplicationShutdown();
    await this.consumer.disconnect().catch(() => undefined);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  private async onBatch(payload: EachBatchPayload, handler: BatchHandler): Promise<void> {
    const { batch } = payload;
    if (!this.active(payload)) return;
    const partitionBatch: PartitionBatch = {
      topic: batch.topic,
      partition: batch.partition,
      messages: batch.messages.map(consumed),
    };
    let done: string | undefined;
    await settleBatch(
      partitionBatch,
      handler,
      this.control(payload, (offset) => (done = offset)),
    );
    if (done === undefined) return;
    payload.resolveOffset(done);
    await this.committer.finished(this.consumer, batch.topic, batch.partition, done);
  }

  private control(payload: EachBatchPayload, done: (offset: string) => void): BatchControl {
    return {
      active: () => this.active(payload),
      pause: async () => {
        await this.delay(this.options.retryDelayMs);
        if (this.active(payload)) await payload.heartbeat();
      },
      done,
    };
  }

  private active(payload: EachBatchPayload): boolean {
    return !this.stopping && payload.isRunning() && !payload.isStale();
  }

  private delay(ms: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    return Promise.race([
      new Promise<void>((resolve) => (timer = setTimeout(resolve, ms))),
      this.stopped,
    ]).finally(() => clearTimeout(timer));
  }
}

function consumed(message: KafkaMessage): ConsumedMessage {
  const text = message.value?.toString() ?? '';
  const value = parsed(text);
  const correlationId = (value as { metadata?: { correlationId?: unknown } } | null)?.metadata
    ?.correlationId;
  return {
    offset: message.offset,
    key: message.key === null ? null : message.key.toString(),
    value,
    text,
    timestamp: message.timestamp,
    trace: messageTrace(message.headers),
    correlationId: typeof correlationId === 'string' ? correlationId : undefined,
  };
}

function parsed(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
