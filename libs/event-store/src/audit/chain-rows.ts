import type { Pool } from 'pg';
import { canonicalJson, metadataForChain } from './chain-encoding';
import type { ChainedEventContent } from './chain-encoding';

/** An event as the chain hashes it, with its stored links. */
export interface ChainedEvent extends ChainedEventContent {
  /** The stored metadata, `actor.apiKeyId` included. */
  metadata: unknown;
  prevHash: string | null;
  hash: string | null;
}

interface ChainRow {
  global_position: string;
  event_id: string;
  stream_id: string;
  stream_version: number;
  event_type: string;
  schema_version: number;
  occurred_at: string;
  recorded_at: string;
  data: string;
  metadata: unknown;
  prev_hash: Buffer | null;
  hash: Buffer | null;
}

const MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/** Read as text, not through a database function: an operator could replace a function, not the jsonb cast. */
const CHAIN_COLUMNS = `global_position::text AS global_position, event_id::text AS event_id, stream_id,
  stream_version, event_type, schema_version,
  to_char(occurred_at AT TIME ZONE 'UTC', ${MICROS}) AS occurred_at,
  to_char(recorded_at AT TIME ZONE 'UTC', ${MICROS}) AS recorded_at,
  data::text AS data, metadata, prev_hash, hash`;

const toChained = (row: ChainRow): ChainedEvent => ({
  eventId: row.event_id,
  streamId: row.stream_id,
  version: row.stream_version,
  globalPosition: row.global_position,
  type: row.event_type,
  schemaVersion: row.schema_version,
  occurredAt: row.occurred_at,
  recordedAt: row.recorded_at,
  dataText: row.data,
  metadata: row.metadata,
  metadataText: canonicalJson(metadataForChain(row.metadata)),
  prevHash: row.prev_hash?.toString('hex') ?? null,
  hash: row.hash?.toString('hex') ?? null,
});

export interface ChainPosition {
  streamId: string;
  version: number;
}

const ALL_STREAMS = `SELECT ${CHAIN_COLUMNS} FROM events
  WHERE (stream_id, stream_version) > ($1, $2) ORDER BY stream_id, stream_version LIMIT $3`;
const ONE_STREAM = `SELECT ${CHAIN_COLUMNS} FROM events
  WHERE stream_id = $1 AND stream_version > $2 ORDER BY stream_version LIMIT $3`;

/** Events in (stream, version) order after `after` (keyset paging), one page; `streamId` keeps to one stream. */
export async function readChainPage(
  pool: Pool,
  after: ChainPosition | null,
  limit: number,
  streamId?: string,
): Promise<ChainedEvent[]> {
  const { rows } =
    streamId === undefined
      ? await pool.query<ChainRow>(ALL_STREAMS, [after?.streamId ?? '', after?.version ?? 0, limit])
      : await pool.query<ChainRow>(ONE_STREAM, [streamId, after?.version ?? 0, limit]);
  return rows.map(toChained);
}
