import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/platform/db/database';

type Sequence = 'ticket_id_seq' | 'message_id_seq' | 'attachment_id_seq';

/** Message ids are taken this many at a time: a reply then costs no round trip for its id. */
export const MESSAGE_ID_BLOCK = 100;

/**
 * Integer ids from database sequences, allocated before the decider runs so that it stays pure. Message ids
 * come from a block held in memory: unique, increasing within this process, and, since a fresh block is above
 * every id handed out before it, `fresh` gives an id above any another instance has used.
 */
@Injectable()
export class IdAllocator {
  private block: number[] = [];
  private refill?: Promise<void>;

  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  async next(sequence: Sequence): Promise<number> {
    if (sequence !== 'message_id_seq') return this.nextval(sequence);
    while (this.block.length === 0) {
      this.refill ??= this.takeBlock()
        .then((ids) => void (this.block = ids))
        .finally(() => (this.refill = undefined));
      await this.refill;
    }
    return this.block.shift()!;
  }

  /** An id above every id taken before this call, by any instance; its block replaces the one held. */
  async fresh(sequence: Sequence): Promise<number> {
    if (sequence !== 'message_id_seq') return this.nextval(sequence);
    const [id, ...rest] = await this.takeBlock();
    this.block = rest;
    return id;
  }

  private async takeBlock(): Promise<number[]> {
    // other sessions may take ids meanwhile, so the block is the ids returned, not a range
    const { rows } = await this.pool.query<{ ids: string[] }>(
      `SELECT array_agg(nextval('message_id_seq')) AS ids FROM generate_series(1, $1)`,
      [MESSAGE_ID_BLOCK],
    );
    return rows[0].ids.map(Number).sort((a, b) => a - b);
  }

  private nextval(sequence: Sequence): Promise<number> {
    return this.pool
      .query<{ id: string }>(`SELECT nextval('${sequence}') AS id`)
      .then(({ rows }) => Number(rows[0].id));
  }
}
