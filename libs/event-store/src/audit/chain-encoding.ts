import { createHash } from 'node:crypto';

/** The `prev` of a stream's first event and of the first checkpoint. */
export const ZERO_HASH = '0'.repeat(64);

export const sha256Hex = (text: string): string =>
  createHash('sha256').update(text, 'utf8').digest('hex');

/** A JSON value as PostgreSQL prints jsonb (docs/audit.md): keys by byte length then bytes, `, ` and `: `. */
export function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error(`not an integer of the chain: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [Buffer.from(k, 'utf8'), k, v] as const)
      .sort(([a], [b]) => a.length - b.length || Buffer.compare(a, b));
    return `{${entries.map(([, k, v]) => `${JSON.stringify(k)}: ${canonicalJson(v)}`).join(', ')}}`;
  }
  throw new Error(`not a JSON value: ${typeof value}`);
}

/** The metadata as the chain holds it: `actor.apiKeyId`, never shown by the API, by its SHA-256. */
export function metadataForChain(metadata: unknown): unknown {
  const actor = (metadata as { actor?: { apiKeyId?: unknown } } | null)?.actor;
  if (typeof actor?.apiKeyId !== 'string') return metadata;
  return {
    ...(metadata as object),
    actor: { ...actor, apiKeyId: `sha256:${sha256Hex(actor.apiKeyId)}` },
  };
}

/** What the chain hashes of one event; timestamps as UTC ISO-8601 with microseconds, JSON as canonical text. */
export interface ChainedEventContent {
  eventId: string;
  streamId: string;
  version: number;
  globalPosition: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  /** `canonicalJson(data)`, or PostgreSQL's `data::text`. */
  dataText: string;
  /** `canonicalJson(metadataForChain(metadata))`. */
  metadataText: string;
}

export function eventChainText(prevHash: string | null, e: ChainedEventContent): string {
  const head = canonicalJson([
    'event/1',
    prevHash ?? ZERO_HASH,
    e.eventId,
    e.streamId,
    e.version,
    e.globalPosition,
    e.type,
    e.schemaVersion,
    e.occurredAt,
    e.recordedAt,
  ]);
  return `${head.slice(0, -1)}, ${e.dataText}, ${e.metadataText}]`;
}

export const eventHash = (prevHash: string | null, e: ChainedEventContent): string =>
  sha256Hex(eventChainText(prevHash, e));

export interface CheckpointContent {
  id: string;
  createdAt: string;
  fromXid: string;
  throughXid: string;
  headCount: number;
  headsDigest: string;
}

export const checkpointHash = (prevHash: string | null, c: CheckpointContent): string =>
  sha256Hex(
    canonicalJson([
      'checkpoint/1',
      prevHash ?? ZERO_HASH,
      c.id,
      c.createdAt,
      c.fromXid,
      c.throughXid,
      c.headCount,
      c.headsDigest,
    ]),
  );

/** One line of a checkpoint's heads digest, the heads in byte order of their stream id. */
export const headLine = (streamId: string, version: number, hash: string | null): string =>
  `${canonicalJson([streamId, version, hash])}\n`;

/** What a checkpoint's signature covers: its hash covers everything else. */
export const checkpointSigningText = (id: string, hash: string): string =>
  canonicalJson(['checkpoint-signature/1', id, hash]);
