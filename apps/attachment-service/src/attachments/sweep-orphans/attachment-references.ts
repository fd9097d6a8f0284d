import type { Pool } from 'pg';
import { ticketStreamId } from '@app/domain';

export interface AttachmentReferences {
  /** Those of the keys that an AttachmentAdded event names. */
  referenced(keys: readonly { ticketId: number; objectKey: string }[]): Promise<Set<string>>;
}

/** Asks the event store, not the read model: an event the projector has not seen yet still counts. */
export class PgAttachmentReferences implements AttachmentReferences {
  constructor(private readonly pool: Pool) {}

  async referenced(keys: readonly { ticketId: number; objectKey: string }[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const { rows } = await this.pool.query<{ key: string }>(
      `SELECT data->>'objectKey' AS key FROM events
       WHERE stream_id = ANY($1::text[]) AND event_type = 'AttachmentAdded'
         AND data->>'objectKey' = ANY($2::text[])`,
      [[...new Set(keys.map((k) => ticketStreamId(k.ticketId)))], keys.map((k) => k.objectKey)],
    );
    return new Set(rows.map((row) => row.key));
  }
}
