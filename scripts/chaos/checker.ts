// The invariants, checked once the faults have stopped and the stack has settled.
import { DEV_DATA_MASTER_KEYS } from '@app/platform/crypto/master-keys';
import { ticketPersonalData } from '@app/ticket-store';
import { isDeepStrictEqual } from 'node:util';
import type { Pool } from 'pg';
import { ticketStreamId, upcastTicketEvent } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import { PgEventStore } from '@app/event-store';
import { withTransaction } from '@app/platform/db/database';
import { foldTicketDetail, verify } from '@app/read-model';
import { PgUploadJournal } from '../../apps/attachment-service/src/attachments/shared/upload-journal';
import { OrphanSweeper } from '../../apps/attachment-service/src/attachments/sweep-orphans/orphan-sweeper';
import { MinioObjectStorage } from '../../apps/attachment-service/src/storage/minio-object-storage';
import { minioClient } from '../../apps/attachment-service/src/storage/minio-object-storage';
import type { Endpoints } from '../../test/setup/endpoints';
import { readModelDetail, threadLength } from '../../test/support/read-model';
import type { ReceivedWebhook } from '../../test/support/webhook-receiver';
import { fileBytes } from './clients';
import type { Account, Operation } from './clients';

export interface Check {
  readonly name: string;
  readonly ok: boolean;
  /** What was checked, or the first counterexamples. */
  readonly detail: string;
}

export interface StoredRow {
  readonly eventId: string;
  readonly streamId: string;
  readonly version: number;
  readonly type: string;
  readonly accountId: string;
  readonly marker: string;
  readonly data: Record<string, unknown>;
}

/**
 * The primary event of each command: the one it appends once (a customer's reply may append a status change
 * or a reopening after it; staff setting a Resolved ticket to Open reopens it).
 */
const PRIMARY: Record<Operation['kind'], readonly string[]> = {
  open: ['TicketOpened'],
  reply: ['MessageAdded'],
  upload: ['AttachmentAdded'],
  resolve: ['TicketResolved'],
  status: ['TicketStatusChanged', 'TicketReopened'],
  close: ['TicketClosed'],
};

const first = (items: string[], n = 5): string =>
  items.length <= n
    ? items.join('; ')
    : `${items.slice(0, n).join('; ')}; … ${items.length} in all`;

const check = (name: string, failures: string[], okDetail: string): Check => ({
  name,
  ok: failures.length === 0,
  detail: failures.length === 0 ? okDetail : first(failures),
});

const openingCodec = (pool: Pool) =>
  ticketPersonalData(pool, {
    DATABASE_URL: '',
    DATA_MASTER_KEYS: process.env.DATA_MASTER_KEYS || DEV_DATA_MASTER_KEYS,
  });

export async function storedEvents(pool: Pool): Promise<StoredRow[]> {
  const { rows } = await pool.query<{
    event_id: string;
    stream_id: string;
    stream_version: number;
    event_type: string;
    account_id: string | null;
    correlation: string | null;
    data: Record<string, unknown>;
  }>(
    `SELECT event_id, stream_id, stream_version, event_type, account_id,
            metadata->>'correlationId' AS correlation, data
     FROM events WHERE stream_id LIKE 'ticket-%' ORDER BY global_position`,
  );
  // personal fields are stored sealed: compared as the services read them
  const opened = await openingCodec(pool).open(
    rows,
    (r) => ({ type: r.event_type, data: r.data }),
    (r, data) => ({ ...r, data }),
  );
  return opened.map((r) => ({
    eventId: r.event_id,
    streamId: r.stream_id,
    version: r.stream_version,
    type: r.event_type,
    accountId: r.account_id ?? '',
    // the request id is `<marker>.<attempt>`
    marker: (r.correlation ?? '').replace(/\.\d+$/, ''),
    data: r.data,
  }));
}

/** Acknowledged exactly once (with what its answer said), indeterminate at most once, refused never. */
export function commandsChecks(
  operations: readonly Operation[],
  events: StoredRow[],
): { checks: Check[]; lost: number } {
  const byMarker = new Map<string, StoredRow[]>();
  for (const e of events) byMarker.set(e.marker, [...(byMarker.get(e.marker) ?? []), e]);
  const lost: string[] = [];
  const duplicated: string[] = [];
  const wrong: string[] = [];
  const refusedWrote: string[] = [];
  for (const op of operations) {
    const appended = byMarker.get(op.marker) ?? [];
    const primary = appended.filter((e) => PRIMARY[op.kind].includes(e.type));
    if (op.outcome === 'acknowledged') {
      if (primary.length === 0) lost.push(`${op.marker} ${op.kind}`);
      if (primary.length > 1) duplicated.push(`${op.marker} ${op.kind} ×${primary.length}`);
      const mismatch = primary.length === 1 ? answerMismatch(op, primary[0], appended) : null;
      if (mismatch) wrong.push(`${op.marker} ${op.kind}: ${mismatch}`);
    } else if (op.outcome === 'refused' && primary.length > 0) {
      refusedWrote.push(`${op.marker} ${op.kind} refused ${op.attempts.at(-1)?.code}`);
    } else if (primary.length > 1) {
      duplicated.push(`${op.marker} ${op.kind} (${op.outcome}) ×${primary.length}`);
    }
  }
  const markers = new Set(operations.map((o) => o.marker));
  const unexplained = events
    .filter((e) => !markers.has(e.marker))
    .map((e) => `${e.streamId}@${e.version} ${e.type} (${e.marker})`);
  const unexpected = operations
    .filter((o) => o.outcome === 'unexpected')
    .map((o) => `${o.marker} ${o.kind}: ${JSON.stringify(o.attempts.at(-1))}`);
  const acknowledged = operations.filter((o) => o.outcome === 'acknowledged').length;
  const checks = [
    check(
      'every acknowledged command is in the event store (lost = 0)',
      lost,
      `${acknowledged} found`,
    ),
    check(
      'no command is in the event store more than once (acknowledged or indeterminate)',
      duplicated,
      `${operations.length} commands, each at most once`,
    ),
    check(
      'each acknowledged answer names the event it wrote (ids, version, content)',
      wrong,
      `${acknowledged} answers match`,
    ),
    check('refused commands appended nothing', refusedWrote, 'none did'),
    check('every answer is one the contract allows', unexpected, `${operations.length} commands`),
    check('every event was caused by one of the clients’ commands', unexplained, 'all were'),
  ];
  return { checks, lost: lost.length };
}

function answerMismatch(op: Operation, event: StoredRow, appended: StoredRow[]): string | null {
  const a = op.answer ?? {};
  const d = event.data;
  const ticketOf = Number(event.streamId.replace('ticket-', ''));
  switch (op.kind) {
    case 'open':
      if (a.id !== ticketOf || d.subject !== op.sent.subject) return `ticket ${String(a.id)}`;
      return null;
    case 'reply':
      // the ticket's version after the whole append (a reopening follows the message)
      if (a.id !== d.messageId || a.ticketVersion !== Math.max(...appended.map((e) => e.version)))
        return `message ${String(a.id)} at ${String(a.ticketVersion)}`;
      if (d.message !== op.sent.message || ticketOf !== op.ticketId) return 'content';
      return null;
    case 'upload':
      if (a.id !== d.attachmentId || d.fileName !== op.file?.name || d.size !== op.file?.size)
        return `attachment ${String(a.id)}`;
      if ((d.messageId ?? undefined) !== op.sent.messageId)
        return `messageId ${String(d.messageId)} stored, ${String(op.sent.messageId)} sent, ${String(a.messageId)} answered`;
      return null;
    case 'resolve':
    case 'close':
      return a.version === event.version && ticketOf === op.ticketId
        ? null
        : `version ${String(a.version)}`;
    case 'status':
      if (a.version !== event.version || a.status !== op.sent.status)
        return `version ${String(a.version)}`;
      return event.type === 'TicketReopened' || d.to === op.sent.status
        ? null
        : `to ${String(d.to)}`;
  }
}

export async function streamChecks(pool: Pool): Promise<Check[]> {
  const { rows } = await pool.query<{ stream_id: string; n: string; lo: number; hi: number }>(
    `SELECT stream_id, count(*) AS n, min(stream_version) AS lo, max(stream_version) AS hi
     FROM events GROUP BY stream_id HAVING count(*) <> max(stream_version) OR min(stream_version) <> 1`,
  );
  const { rows: streams } = await pool.query<{ n: string }>(
    'SELECT count(DISTINCT stream_id) AS n FROM events',
  );
  const dead = await pool.query<{ n: string }>('SELECT count(*) AS n FROM projector_dead_letters');
  return [
    check(
      "each stream's versions run 1..n with no gap",
      rows.map((r) => `${r.stream_id}: ${r.n} events, versions ${r.lo}..${r.hi}`),
      `${streams[0].n} streams`,
    ),
    check(
      'no event was dead-lettered by the projector',
      Number(dead.rows[0].n) > 0 ? [`${dead.rows[0].n} dead letters`] : [],
      'none',
    ),
  ];
}

/** Every ticket's read model (detail and list row) equals the fold of its events, and the store-wide verify. */
export async function readModelChecks(pool: Pool): Promise<Check[]> {
  const store = new PgEventStore<TicketEvent>(
    pool,
    { topic: '', keyOf: (id) => id },
    upcastTicketEvent,
    openingCodec(pool),
  );
  const { rows } = await pool.query<{ id: string }>(
    `SELECT DISTINCT substring(stream_id FROM 8)::bigint AS id FROM events
     WHERE stream_id LIKE 'ticket-%' ORDER BY 1`,
  );
  const differences: string[] = [];
  for (const { id } of rows) {
    const ticketId = Number(id);
    const [projected, events] = await Promise.all([
      readModelDetail(pool, 'read_model', ticketId),
      store.readStream(ticketStreamId(ticketId)),
    ]);
    const folded = foldTicketDetail(events, 'staff');
    if (!projected) {
      differences.push(`ticket ${ticketId}: no row`);
      continue;
    }
    const { messageCount, ...detail } = projected;
    if (messageCount !== threadLength(folded))
      differences.push(`ticket ${ticketId}: message_count`);
    else if (!isDeepStrictEqual(detail, folded))
      differences.push(
        `ticket ${ticketId}: version ${detail.version} of ${folded?.version}, ${detail.status}`,
      );
  }
  const verification = await withTransaction(pool, (client) => verify(client, 'read_model'));
  return [
    check(
      "every ticket's read model equals the fold of its events",
      [
        ...differences,
        ...verification.mismatches.map((m) => `verify: ticket ${m.ticketId} ${JSON.stringify(m)}`),
      ],
      `${rows.length} tickets, ${verification.events} events`,
    ),
  ];
}

interface FeedPage {
  items: { eventId: string; ticketId: number; version: number }[];
  nextCursor: string;
}

/** GET /api/events from the start, every page, for each account. */
export async function feedChecks(
  gatewayUrl: string,
  accounts: readonly Account[],
  events: StoredRow[],
): Promise<Check[]> {
  const failures: string[] = [];
  let read = 0;
  for (const account of accounts) {
    const seen: FeedPage['items'] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 1_000; page++) {
      const response = await fetch(
        `${gatewayUrl}/api/events?accountId=${account.id}&limit=100${cursor ? `&after=${cursor}` : ''}`,
        { headers: { 'x-api-key': account.key }, signal: AbortSignal.timeout(15_000) },
      );
      if (response.status !== 200) {
        failures.push(`${account.id}: feed answered ${response.status}`);
        break;
      }
      const body = (await response.json()) as FeedPage;
      seen.push(...body.items);
      cursor = body.nextCursor;
      if (body.items.length === 0) break;
    }
    read += seen.length;
    const expected = events.filter((e) => e.accountId === account.id);
    const counts = new Map<string, number>();
    for (const item of seen) counts.set(item.eventId, (counts.get(item.eventId) ?? 0) + 1);
    const missing = expected.filter((e) => !counts.has(e.eventId));
    const twice = [...counts].filter(([, n]) => n > 1);
    const foreign = seen.filter((i) => !expected.some((e) => e.eventId === i.eventId));
    if (missing.length) failures.push(`${account.id}: ${missing.length} events missing`);
    if (twice.length) failures.push(`${account.id}: ${twice.length} events more than once`);
    if (foreign.length) failures.push(`${account.id}: ${foreign.length} events not of the account`);
    failures.push(...outOfOrder(account.id, seen));
  }
  return [
    check(
      'the change feed returns every event exactly once, in an order consistent with each stream',
      failures,
      `${read} events over ${accounts.length} accounts`,
    ),
  ];
}

/** Per ticket, versions that do not increase in the order given. */
function outOfOrder(what: string, items: { ticketId: number; version: number }[]): string[] {
  const last = new Map<number, number>();
  const failures: string[] = [];
  for (const { ticketId, version } of items) {
    if ((last.get(ticketId) ?? 0) >= version)
      failures.push(`${what}: ticket ${ticketId} v${version} after v${last.get(ticketId)}`);
    last.set(ticketId, version);
  }
  return failures;
}

/** What the receiver accepted (2xx), first arrivals only: every event of the accounts, in per-ticket order. */
export function webhookChecks(
  received: readonly ReceivedWebhook[],
  accounts: readonly Account[],
  events: StoredRow[],
): Check[] {
  const accountIds = new Set(accounts.map((a) => a.id));
  const expected = events.filter((e) => accountIds.has(e.accountId));
  const firsts = acceptedFirstArrivals(received);
  const missing = expected.filter((e) => !firsts.has(e.eventId));
  const failures = [
    ...missing.map((e) => `${e.streamId}@${e.version} ${e.type} never delivered`),
    ...outOfOrder('webhooks', [...firsts.values()]),
  ];
  return [
    check(
      'webhooks delivered every event at least once, in per-ticket order',
      failures,
      `${expected.length} events, ${received.length} deliveries`,
    ),
  ];
}

export function acceptedFirstArrivals(
  received: readonly ReceivedWebhook[],
): Map<string, { ticketId: number; version: number }> {
  const firsts = new Map<string, { ticketId: number; version: number }>();
  for (const w of received) {
    if (w.answeredWith < 200 || w.answeredWith >= 300) continue;
    const { data } = JSON.parse(w.body) as {
      data: { eventId: string; ticketId: number; version: number };
    };
    if (!firsts.has(data.eventId))
      firsts.set(data.eventId, { ticketId: data.ticketId, version: data.version });
  }
  return firsts;
}

/** Every acknowledged attachment downloads byte for byte through the gateway. */
export async function attachmentChecks(
  gatewayUrl: string,
  operations: readonly Operation[],
  accounts: readonly Account[],
): Promise<Check[]> {
  const failures: string[] = [];
  const uploads = operations.filter((o) => o.kind === 'upload' && o.outcome === 'acknowledged');
  for (const op of uploads) {
    const key = accounts.find((a) => a.id === op.accountId)!.key;
    const response = await fetch(
      `${gatewayUrl}/api/Ticket/${op.ticketId}/attachment/${String(op.answer?.id)}?accountId=${op.accountId}`,
      { headers: { 'x-api-key': key }, signal: AbortSignal.timeout(30_000) },
    );
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status !== 200) failures.push(`${op.marker}: ${response.status}`);
    else if (!body.equals(fileBytes(op.file!)))
      failures.push(`${op.marker}: ${body.length} bytes differ`);
  }
  return [
    check(
      'every acknowledged attachment downloads byte for byte',
      failures,
      `${uploads.length} files`,
    ),
  ];
}

const storageSettings = (env: Endpoints) => ({
  endpoint: env.S3_ENDPOINT,
  accessKey: env.S3_ACCESS_KEY,
  secretKey: env.S3_SECRET_KEY,
  region: 'us-east-1',
});

/** Removes every object and unfinished upload of the bucket: a run starts from an empty one. */
export async function emptyBucket(env: Endpoints): Promise<void> {
  const client = minioClient(storageSettings(env));
  if (!(await client.bucketExists(env.S3_BUCKET))) return;
  const names = await objectNames(env);
  if (names.length) await client.removeObjects(env.S3_BUCKET, names);
  for await (const upload of client.listIncompleteUploads(env.S3_BUCKET, '', true)) {
    await client.removeIncompleteUpload(env.S3_BUCKET, (upload as { key: string }).key);
  }
}

async function objectNames(env: Endpoints): Promise<string[]> {
  const names: string[] = [];
  const client = minioClient(storageSettings(env));
  for await (const item of client.listObjectsV2(env.S3_BUCKET, '', true)) {
    if ((item as { name?: string }).name) names.push((item as { name: string }).name);
  }
  return names;
}

/** After the orphan sweeper: no object without its event, no unfinished multipart upload, no open journal entry. */
export async function storageChecks(env: Endpoints, pool: Pool): Promise<Check[]> {
  const referenced = new Set(
    (
      await pool.query<{ key: string }>(
        `SELECT data->>'objectKey' AS key FROM events WHERE event_type IN ('AttachmentAdded', 'NoteAttachmentAdded')`,
      )
    ).rows.map((r) => r.key),
  );
  const journal = (
    await pool.query<{ object_key: string }>('SELECT object_key FROM attachment_uploads')
  ).rows.map((r) => r.object_key);
  const sweeper = new OrphanSweeper(
    MinioObjectStorage.fromSettings({
      ...storageSettings(env),
      bucket: env.S3_BUCKET,
      partSize: 5 * 1024 * 1024,
      pooledParts: 1,
    }),
    new PgUploadJournal(pool),
    0,
  );
  const swept = await sweeper.sweep({ now: new Date(Date.now() + 60_000) });
  const orphans = (await objectNames(env)).filter((name) => !referenced.has(name));
  const client = minioClient(storageSettings(env));
  const unfinished: string[] = [];
  for (const key of new Set([...journal, ...referenced])) {
    const page = await client.listIncompleteUploadsQuery(env.S3_BUCKET, key, '', '', '');
    const count = page.uploads.filter((u) => u.key === key).length;
    if (count > 0) unfinished.push(`${key}: ${count} unfinished uploads`);
  }
  const open = (await pool.query<{ n: string }>('SELECT count(*) AS n FROM attachment_uploads'))
    .rows[0].n;
  return [
    check(
      'after the orphan sweeper, no object in MinIO without its event and no unfinished multipart upload',
      [
        ...orphans.map((o) => `${o}: no event`),
        ...unfinished,
        ...(Number(open) > 0 ? [`${open} journal entries left`] : []),
      ],
      `${referenced.size} objects, ${swept.removed.length} orphans swept (${swept.abortedUploads} unfinished)`,
    ),
  ];
}
