import type { Pool } from 'pg';
import { ticketStreamId } from '@app/domain';

export const UPLOAD_JOURNAL = Symbol('UPLOAD_JOURNAL');

export interface StaleUpload {
  readonly objectKey: string;
  readonly ticketId: number;
  /** Whether an AttachmentAdded event names the key: the upload finished, only its entry was left. */
  readonly referenced: boolean;
}

/**
 * The uploads between their first byte to object storage and their AttachmentAdded event. An entry is
 * opened before anything is stored and closed once the event is appended or the object is gone again, so
 * an entry older than any upload can take marks what a crash left behind.
 */
export interface UploadJournal {
  open(objectKey: string, ticketId: number): Promise<void>;
  close(objectKeys: readonly string[]): Promise<void>;
  /** Entries opened before the instant, oldest first; of one ticket when given. */
  stale(before: Date, limit: number, ticketId?: number): Promise<StaleUpload[]>;
}

export class PgUploadJournal implements UploadJournal {
  constructor(private readonly pool: Pool) {}

  async open(objectKey: string, ticketId: number): Promise<void> {
    await this.pool.query(
      'INSERT INTO attachment_uploads (object_key, ticket_id) VALUES ($1, $2)',
      [objectKey, ticketId],
    );
  }

  async close(objectKeys: readonly string[]): Promise<void> {
    if (objectKeys.length === 0) return;
    await this.pool.query('DELETE FROM attachment_uploads WHERE object_key = ANY($1::text[])', [
      [...objectKeys],
    ]);
  }

  async stale(before: Date, limit: number, ticketId?: number): Promise<StaleUpload[]> {
    const { rows } = await this.pool.query<{ object_key: string; ticket_id: string }>(
      `SELECT object_key, ticket_id FROM attachment_uploads
       WHERE started_at < $1 AND ($2::bigint IS NULL OR ticket_id = $2)
       ORDER BY started_at LIMIT $3`,
      [before, ticketId ?? null, limit],
    );
    if (rows.length === 0) return [];
    // the event store, not the read model: an event the projector has not seen yet still counts
    const referenced = await this.pool.query<{ key: string }>(
      `SELECT data->>'objectKey' AS key FROM events
       WHERE stream_id = ANY($1::text[]) AND event_type IN ('AttachmentAdded', 'NoteAttachmentAdded')
         AND data->>'objectKey' = ANY($2::text[])`,
      [
        [...new Set(rows.map((row) => ticketStreamId(Number(row.ticket_id))))],
        rows.map((row) => row.object_key),
      ],
    );
    const keys = new Set(referenced.rows.map((row) => row.key));
    return rows.map((row) => ({
      objectKey: row.object_key,
      ticketId: Number(row.ticket_id),
      referenced: keys.has(row.object_key),
    }));
  }
}
