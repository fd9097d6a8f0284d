import { createHash } from 'node:crypto';
import type { Pool } from 'pg';
import { checkpointHash, headLine } from './chain-encoding';
import { readChainPage } from './chain-rows';
import type { ChainPosition } from './chain-rows';
import { readCheckpointPage, readHeadsOfStream, readHeadsPage } from './checkpoints';
import type { CheckpointHead, CheckpointRow } from './checkpoints';
import { StreamChainChecker } from './stream-chain.checker';
import type { ChainFailure } from './stream-chain.checker';

export interface VerifyOptions {
  /** Only this stream's chain and the checkpoint heads recorded for it. */
  streamId?: string;
  pageSize?: number;
  /** Failures kept for the report; counting goes on. */
  maxFailures?: number;
  onProgress?: (events: number, seconds: number) => void;
}

export interface VerifyReport {
  events: number;
  streams: number;
  checkpoints: number;
  heads: number;
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

  if (options.streamId !== undefined) {
    const heads = await readHeadsOfStream(pool, options.streamId);
    report.heads = heads.length;
    heads.map(headFailure).forEach(fail);
  } else {
    await verifyCheckpoints(pool, pageSize, report, fail);
  }
  report.seconds = elapsed();
  return report;
}

async function verifyCheckpoints(
  pool: Pool,
  pageSize: number,
  report: VerifyReport,
  fail: (failure: ChainFailure | null) => void,
): Promise<void> {
  let previous: CheckpointRow | null = null;
  for (let afterId = '0'; ;) {
    const page = await readCheckpointPage(pool, afterId, 100);
    for (const checkpoint of page) {
      report.checkpoints += 1;
      const named = `checkpoint ${checkpoint.id}`;
      const fields = { kind: 'checkpoint-changed' as const, checkpointId: checkpoint.id };
      if (checkpoint.hash !== checkpointHash(checkpoint.prevHash, checkpoint)) {
        fail({ ...fields, message: `${named} does not match its hash: it was changed` });
      } else if (
        checkpoint.prevHash !== (previous?.hash ?? null) ||
        checkpoint.fromXid !== (previous?.throughXid ?? '0')
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
          fail(headFailure(head));
        }
        count += heads.length;
        if (heads.length < pageSize) break;
        afterStream = heads[heads.length - 1].streamId;
      }
      report.heads += count;
      if (count !== checkpoint.headCount || digest.digest('hex') !== checkpoint.headsDigest) {
        fail({
          ...fields,
          message: `${named}: its recorded heads do not match its digest (a head was changed, added or removed)`,
        });
      }
      previous = checkpoint;
    }
    if (page.length < 100) break;
    afterId = page[page.length - 1].id;
  }
}
