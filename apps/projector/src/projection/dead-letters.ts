import type { Pool } from 'pg';

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

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>(
      'SELECT count(*) FROM projector_dead_letters WHERE consumer_group = $1',
      [this.consumerGroup],
    );
    return Number(rows[0].count);
  }
}
