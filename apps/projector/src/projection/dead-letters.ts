import type { Pool } from 'pg';

export interface DeadLetter {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: string | null;
  readonly payload: string;
  readonly error: string;
}

export class DeadLetters {
  constructor(private readonly pool: Pool) {}

  async record(letter: DeadLetter): Promise<void> {
    await this.pool.query(
      `INSERT INTO projector_dead_letters (topic, kafka_partition, kafka_offset, message_key, payload, error)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [letter.topic, letter.partition, letter.offset, letter.key, letter.payload, letter.error],
    );
  }

  async count(): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>(
      'SELECT count(*) FROM projector_dead_letters',
    );
    return Number(rows[0].count);
  }
}
