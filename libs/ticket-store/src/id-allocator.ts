import { Inject, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/platform/db/database';

type Sequence = 'ticket_id_seq' | 'message_id_seq' | 'attachment_id_seq';

/** Integer ids from database sequences, allocated before the decider runs so that it stays pure. */
@Injectable()
export class IdAllocator {
  constructor(@Inject(PG_POOL) private readonly pool: Pool) {}

  next(sequence: Sequence): Promise<number> {
    return this.pool
      .query<{ id: string }>(`SELECT nextval('${sequence}') AS id`)
      .then(({ rows }) => Number(rows[0].id));
  }
}
