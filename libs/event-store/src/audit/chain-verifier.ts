import { createHash, verify } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import type { Pool } from 'pg';
import { checkpointHash, checkpointSigningText, headLine } from './chain-encoding';
import { readChainPage } from './chain-rows';
import type { ChainPosition } from './chain-rows';
import { readCheckpointPage, readHeadsOfStream, readHeadsPage } from './checkpoints';
import type { CheckpointHead, CheckpointRow } from './checkpoints';
import { StreamChainChecker } from './stream-chain.checker';
import type { ChainFailure } from './stream-chain.checker';

export interface VerifyOptions {
  /** Only this stream's chain and the checkpoints that recorded it (hash, signature, heads). */
  streamId?: string;
  pageSize?: number;
  /** Failures kept for the report; counting goes on. */
  maxFailures?: number;
  onProgress?: (events: number, seconds: number) => void;
  /** Ed25519 public keys by id: every checkpoint must then carry a valid signature by one of them. */
  publicKeys?: ReadonlyMap<string, KeyObject>;
}

export interface VerifyReport {
  events: number;
  streams: number;
  checkpoints: number;
  heads: number;
  /** Checkpoints whose signature was checked and holds. */
  signedCheckpoints: number;
  /** When the newest checkpoint was written: events after it are held by their chains only. */
  lastCheckpointAt: string | null;
  seconds: number;
  failureCount: number;
  /** In the order found: streams by id, events by version, then checkpoints. */
  failures: ChainFailure[];
}

const headFailure = (head: CheckpointHead): ChainFailure | null => {
  const at = `checkpoint ${head.checkpointId} records ${head.streamId} v${head.version}`;
  const fields = {
    kind: 'checkpoint-head' as const,
    checkpointId: head.checkpointId,
    streamId: head.streamId,
    version: head.version,
  };
  if (head.storedHash === undefined)
    return { ...fields, message: `${at}, which is not in the store (deleted)` };
  if (head.storedHash !== head.hash)
    return {
      ...fields,
      message: `${at} with another hash than the store's: the stream was rewritten`,
    };
  return null;
};

/** Recomputes every chain and checkpoint in keyset pages: memory stays constant however large the store. */
export async function verifyEventChain(
  pool: Pool,
  options: VerifyOptions = {},
): Promise<VerifyReport> {
  const pageSize = options.pageSize ?? 2_000;
  const maxFailures = options.maxFailures ?? 100;
  const started = process.hrtime.bigint();
  const elapsed = () => Number(process.hrtime.bigint() - started) / 1e9;
  const report: VerifyReport = {
    events: 0,
    streams: 0,
    checkpoints: 0,
    heads: 0,
    signedCheckpoints: 0,
    lastCheckpointAt: null,
    seconds: 0,
    failureCount: 0,
    failures: [],
  };
  const fail = (failure: ChainFailure | null) => {
    if (!failure) return;
    report.failureCount += 1;
    if (report.failures.length < maxFailures) report.failures.push(failure);
  };

  const checker = new StreamChainChecker();
  let after: ChainPosition | null = null;
  for (;;) {
    const page = await readChainPage(pool, after, pageSize, options.streamId);
    for (const event of page) checker.check(event).forEach(fail);
    report.events += page.length;
    if (page.length < pageSize) break;
    after = { streamId: page[page.length - 1].streamId, version: page[page.length - 1].version };
    options.onProgress?.(report.events, elapsed());
  }
  report.streams = checker.streams;

  const context = { pool, pageSize, report, fail, publicKeys: options.publicKeys };
  if (options.streamId !== undefined) {
    await verifyCheckpointsOfStream(context, options.streamId);
  } else {
    await verifyCheckpoints(context);
  }
  report.seconds = elapsed();
  return report;
}

interface CheckpointContext {
  pool: Pool;
  pageSize: number;
  report: VerifyReport;
  fail: (failure: ChainFailure | null) => void;
  publicKeys?: ReadonlyMap<string, KeyObject>;
}

async function verifyCheckpoints(context: CheckpointContext): Promise<void> {
  let previous: CheckpointRow | null = null;
  for (let afterId = '0'; ;) {
    const page = await readCheckpointPage(context.pool, afterId, 100);
    for (const checkpoint of page) {
      await checkCheckpoint(context, checkpoint, previous);
      previous = checkpoint;
    }
    if (page.length < 100) break;
    afterId = page[page.length - 1].id;
  }
}

/** The checkpoints that recorded one stream, each checked whole; their links to others are not followed. */
async function verifyCheckpointsOfStream(
  context: CheckpointContext,
  streamId: string,
): Promise<void> {
  const ids = [
    ...new Set((await readHeadsOfStream(context.pool, streamId)).map((h) => h.checkpointId)),
  ];
  for (const id of ids) {
    const [checkpoint] = await readCheckpointPage(context.pool, String(BigInt(id) - 1n), 1);
    if (checkpoint?.id === id) await checkCheckpoint(context, checkpoint, undefined, streamId);
  }
}

/** `previous` undefined: the link is not checked; `onlyStream`: head failures of that stream alone. */
async function checkCheckpoint(
  { pool, pageSize, report, fail, publicKeys }: CheckpointContext,
  checkpoint: CheckpointRow,
  previous: CheckpointRow | null | undefined,
  onlyStream?: string,
): Promise<void> {
  report.checkpoints += 1;
  report.lastCheckpointAt = checkpoint.createdAt;
  const named = `checkpoint ${checkpoint.id}`;
  const fields = { kind: 'checkpoint-changed' as const, checkpointId: checkpoint.id };
  if (publicKeys) fail(signatureFailure(checkpoint, publicKeys, report));
  if (checkpoint.hash !== checkpointHash(checkpoint.prevHash, checkpoint)) {
    fail({ ...fields, message: `${named} does not match its hash: it was changed` });
  } else if (
    previous !== undefined &&
    (checkpoint.prevHash !== (previous?.hash ?? null) ||
      checkpoint.fromXid !== (previous?.throughXid ?? '0'))
  ) {
    fail({
      ...fields,
      kind: 'checkpoint-deleted',
      message: previous
        ? `${named} does not follow checkpoint ${previous.id}: a checkpoint between them was deleted`
        : `${named} is the first but chains to one before it (deleted)`,
    });
  }
  const digest = createHash('sha256');
  let count = 0;
  for (let afterStream = ''; ;) {
    const heads = await readHeadsPage(pool, checkpoint.id, afterStream, pageSize);
    for (const head of heads) {
      digest.update(headLine(head.streamId, head.version, head.hash), 'utf8');
      if (onlyStream === undefined || head.streamId === onlyStream) {
        report.heads += 1;
        fail(headFailure(head));
      }
    }
    count += heads.length;
    if (heads.length < pageSize) break;
    afterStream = heads[heads.length - 1].streamId;
  }
  if (count !== checkpoint.headCount || digest.digest('hex') !== checkpoint.headsDigest) {
    fail({
      ...fields,
      message: `${named}: its recorded heads do not match its digest (a head was changed, added or removed)`,
    });
  }
}

function signatureFailure(
  checkpoint: CheckpointRow,
  publicKeys: ReadonlyMap<string, KeyObject>,
  report: VerifyReport,
): ChainFailure | null {
  const named = `checkpoint ${checkpoint.id}`;
  const { signature } = checkpoint;
  if (!signature)
    return {
      kind: 'checkpoint-unsigned',
      checkpointId: checkpoint.id,
      message: `${named} has no signature: it was not written by ticket-api (forged or re-written)`,
    };
  const key = publicKeys.get(signature.keyId);
  const text = checkpointSigningText(checkpoint.id, checkpoint.hash ?? '');
  if (!key || !verify(null, Buffer.from(text, 'utf8'), key, signature.value))
    return {
      kind: 'checkpoint-forged',
      checkpointId: checkpoint.id,
      message: key
        ? `${named}: its signature by key ${signature.keyId} does not hold (changed or forged)`
        : `${named} is signed by key ${signature.keyId}, which is not among the keys given`,
    };
  report.signedCheckpoints += 1;
  return null;
}
