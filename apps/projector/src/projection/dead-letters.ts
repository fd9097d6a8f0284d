import type { Pool } from 'pg';

export type RetryOutcome = 'applied' | 'duplicate' | 'gap-repaired' | 'failed';

export interface StoredDeadLetter extends DeadLetter {
  readonly id: string;
  readonly consumerGroup: string | null;
  readonly readModelSchema: string | null;
  readonly failedAt: Date;
}

export interface DeadLetter {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly payload: string;
  readonly error: string;
}

/** The dead-letter table, seen by one consumer group (one read model). */
export class DeadLetters {
  constructor(
    private readonly pool: Pool,
    private readonly consumerGroup: string,
    private readonly readModelSchema: string,
  ) {}

  async record(letter: DeadLetter): Promise<void> {
    await this.pool.query(
      `INSERT INTO projector_dead_letters
         (topic, kafka_partition, kafka_offset, message_key, payload, error, consumer_group, read_model_schema)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        letter.topic,
        letter.partition,
        letter.offset,
        letter.key,
        letter.payload,
        letter.error,
        this.consumerGroup,
        this.readModelSchema,
      ],
    );
  }

  /** This group's letters, oldest first; `id` picks one. */
  async list(id?: string): Promise<StoredDeadLetter[]> {
    const { rows } = await this.pool.query<{
      id: string;
      topic: string;
      kafka_partition: number;
      kafka_offset: string;
      message_key: string | null;
      payload: string;
      error: string;
      consumer_group: string | null;
      read_model_schema: string | null;
      failed_at: Date;
    }>(
      `SELECT * FROM projector_dead_letters
        WHERE consumer_group IS NOT DISTINCT FROM $1 AND ($2::bigint IS NULL OR id = $2::bigint)
        ORDER BY id`,
      [this.consumerGroup, id ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      topic: r.topic,
      partition: r.kafka_partition,
      offset: r.kafka_offset,
      key: r.message_key,
      payload: r.payload,
      error: r.error,
      consumerGroup: r.consumer_group,
      readModelSchema: r.read_model_schema,
      failedAt: r.failed_at,
    }));
  }

  /** A retried letter leaves the table when it was applied; a failed one keeps its new error. */
  async settle(id: string, outcome: RetryOutcome, error?: string): Promise<void> {
    if (outcome === 'failed') {
      await this.pool.query(
        'UPDATE projector_dead_letters SET error = $2, failed_at = now() WHERE id = $1',
        [id, error ?? 'unknown error'],
      );
    } else {
      await this.pool.query('DELETE FROM projector_dead_letters WHERE id = $1', [id]);
    }
    await this.pool.query(
      `INSERT INTO projector_dead_letter_retries (consumer_group, outcome, count) VALUES ($1, $2, 1)
       ON CONFLICT (consumer_group, outcome)
       DO UPDATE SET count = projector_dead_letter_retries.count + 1`,
      [this.consumerGroup, outcome],
    );
  }

  async retryOutcomes(): Promise<Record<string, number>> {
    const { rows } = await this.pool.query<{ outcome: string; count: string }>(
      'SELECT outcome, count FROM projector_dead_letter_retries WHERE consumer_group = $1',
      [this.consumerGroup],
    );
    return Object.fromEntries(rows.map((r) => [r.outcome, Number(r.count)]));
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>(
      'SELECT count(*) FROM projector_dead_letters WHERE consumer_group = $1',
      [this.consumerGroup],
    );
    return Number(rows[0].count);
  }
}
