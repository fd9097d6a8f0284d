import type { Pool } from 'pg';
import { checkpointSigningText } from './chain-encoding';

/** Signs checkpoints with a key the database never holds (ticket-api's AUDIT_SIGNING_KEYS). */
export interface CheckpointSigner {
  readonly keyId: string;
  /** A detached Ed25519 signature of the UTF-8 bytes of `message`. */
  sign(message: string): Buffer;
}

/** Cheap with several writers: one advisory lock, one statement, nothing written when no stream changed. */
export const CHECKPOINT_LOCK = 7_340_017;

const MICROS = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

const WRITE_CHECKPOINT = `
  WITH range AS (
    SELECT coalesce((SELECT through_xid FROM audit_checkpoints ORDER BY id DESC LIMIT 1), '0'::xid8) AS from_xid,
           pg_snapshot_xmin(pg_current_snapshot()) AS through_xid
  ), heads AS (
    SELECT DISTINCT ON (e.stream_id COLLATE "C") e.stream_id COLLATE "C" AS stream_id, e.stream_version, e.hash
    FROM events e, range
    WHERE e.transaction_id >= range.from_xid AND e.transaction_id < range.through_xid
    ORDER BY e.stream_id COLLATE "C", e.stream_version DESC
  ), checkpoint AS (
    INSERT INTO audit_checkpoints (from_xid, through_xid, head_count, heads_digest)
    SELECT range.from_xid, range.through_xid, count(*), sha256(convert_to(string_agg(
      jsonb_build_array(h.stream_id, h.stream_version, encode(h.hash, 'hex'))::text || E'\\n', ''
      ORDER BY h.stream_id), 'UTF8'))
    FROM range, heads h GROUP BY range.from_xid, range.through_xid
    RETURNING id, head_count, hash
  ), recorded AS (
    INSERT INTO audit_checkpoint_heads (checkpoint_id, stream_id, stream_version, hash)
    SELECT checkpoint.id, h.stream_id, h.stream_version, h.hash FROM checkpoint, heads h
  )
  SELECT id::text AS id, head_count, encode(hash, 'hex') AS hash FROM checkpoint`;

export interface WrittenCheckpoint {
  id: string;
  headCount: number;
  /** Worth keeping outside the database: a later rewrite of what it covers contradicts it. */
  hash: string;
}

/**
 * Records the head of every stream changed since the last checkpoint (events of transactions below this
 * snapshot's xmin, so none can still commit behind it), unless another writer holds the lock or the last
 * checkpoint is younger than `minIntervalMs`.
 */
export async function writeCheckpoint(
  pool: Pool,
  minIntervalMs: number,
  signer?: CheckpointSigner,
): Promise<WrittenCheckpoint | null> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ locked: boolean; due: boolean }>(
      `SELECT pg_try_advisory_xact_lock($1) AS locked,
         coalesce((SELECT created_at FROM audit_checkpoints ORDER BY id DESC LIMIT 1)
           <= clock_timestamp() - $2 * interval '1 millisecond', true) AS due`,
      [CHECKPOINT_LOCK, minIntervalMs],
    );
    let written: WrittenCheckpoint | null = null;
    if (rows[0].locked && rows[0].due) {
      const [row] = (
        await client.query<{ id: string; head_count: number; hash: string }>(WRITE_CHECKPOINT)
      ).rows;
      written = row ? { id: row.id, headCount: row.head_count, hash: row.hash } : null;
      if (written && signer) {
        await client.query(
          'INSERT INTO audit_checkpoint_signatures (checkpoint_id, key_id, signature) VALUES ($1, $2, $3)',
          [written.id, signer.keyId, signer.sign(checkpointSigningText(written.id, written.hash))],
        );
      }
    }
    await client.query('COMMIT');
    return written;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

export interface CheckpointRow {
  id: string;
  createdAt: string;
  fromXid: string;
  throughXid: string;
  headCount: number;
  headsDigest: string;
  prevHash: string | null;
  hash: string | null;
  signature: { keyId: string; value: Buffer } | null;
}

export async function readCheckpointPage(
  pool: Pool,
  afterId: string,
  limit: number,
): Promise<CheckpointRow[]> {
  const { rows } = await pool.query<{
    id: string;
    created_at: string;
    from_xid: string;
    through_xid: string;
    head_count: number;
    heads_digest: Buffer;
    prev_hash: Buffer | null;
    hash: Buffer | null;
    key_id: string | null;
    signature: Buffer | null;
  }>(
    `SELECT c.id::text AS id, to_char(created_at AT TIME ZONE 'UTC', ${MICROS}) AS created_at,
       from_xid::text AS from_xid, through_xid::text AS through_xid, head_count, heads_digest, prev_hash, hash,
       s.key_id, s.signature
     FROM audit_checkpoints c LEFT JOIN audit_checkpoint_signatures s ON s.checkpoint_id = c.id
     WHERE c.id > $1 ORDER BY c.id LIMIT $2`,
    [afterId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    createdAt: r.created_at,
    fromXid: r.from_xid,
    throughXid: r.through_xid,
    headCount: r.head_count,
    headsDigest: r.heads_digest.toString('hex'),
    prevHash: r.prev_hash?.toString('hex') ?? null,
    hash: r.hash?.toString('hex') ?? null,
    signature: r.key_id && r.signature ? { keyId: r.key_id, value: r.signature } : null,
  }));
}

export interface CheckpointHead {
  checkpointId: string;
  streamId: string;
  version: number;
  hash: string | null;
  /** The hash of that version in the store now; undefined when the store has no such event. */
  storedHash: string | null | undefined;
}

const HEAD_COLUMNS = `h.checkpoint_id::text AS checkpoint_id, h.stream_id, h.stream_version, h.hash,
  e.hash AS stored_hash, e.global_position IS NOT NULL AS present
  FROM audit_checkpoint_heads h
  LEFT JOIN events e ON e.stream_id = (h.stream_id COLLATE "default") AND e.stream_version = h.stream_version`;

type HeadRow = {
  checkpoint_id: string;
  stream_id: string;
  stream_version: number;
  hash: Buffer | null;
  stored_hash: Buffer | null;
  present: boolean;
};

const toHead = (r: HeadRow): CheckpointHead => ({
  checkpointId: r.checkpoint_id,
  streamId: r.stream_id,
  version: r.stream_version,
  hash: r.hash?.toString('hex') ?? null,
  storedHash: r.present ? (r.stored_hash?.toString('hex') ?? null) : undefined,
});

/** A checkpoint's heads in byte order of their stream id, after `afterStream`. */
export async function readHeadsPage(
  pool: Pool,
  checkpointId: string,
  afterStream: string,
  limit: number,
): Promise<CheckpointHead[]> {
  const { rows } = await pool.query<HeadRow>(
    `SELECT ${HEAD_COLUMNS} WHERE h.checkpoint_id = $1 AND h.stream_id > $2 ORDER BY h.stream_id LIMIT $3`,
    [checkpointId, afterStream, limit],
  );
  return rows.map(toHead);
}

/** The heads every checkpoint recorded for one stream. */
export async function readHeadsOfStream(pool: Pool, streamId: string): Promise<CheckpointHead[]> {
  const { rows } = await pool.query<HeadRow>(
    `SELECT ${HEAD_COLUMNS} WHERE h.stream_id = $1 ORDER BY h.checkpoint_id`,
    [streamId],
  );
  return rows.map(toHead);
}
