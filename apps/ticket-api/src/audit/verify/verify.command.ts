import type { KeyObject } from 'node:crypto';
import type { Pool } from 'pg';
import { verifyEventChain } from '@app/event-store';
import type { VerifyReport } from '@app/event-store';
import { ticketStreamId } from '@app/domain';

export interface VerifyArgs {
  ticketId?: number;
  json: boolean;
  /** Checkpoint signatures are checked with these; none: not checked. */
  publicKeys?: ReadonlyMap<string, KeyObject>;
}

const rate = (report: VerifyReport): number =>
  report.seconds > 0 ? Math.round(report.events / report.seconds) : report.events;

export function formatVerifyReport(report: VerifyReport, json: boolean): string {
  if (json) return JSON.stringify({ ...report, eventsPerSecond: rate(report) }, null, 2);
  const summary =
    `${report.failureCount === 0 ? 'verified' : 'FAILED'}: ${report.events} events of ` +
    `${report.streams} streams, ${report.checkpoints} checkpoints (${report.heads} heads, ` +
    `${report.signedCheckpoints} signatures checked) in ` +
    `${report.seconds.toFixed(3)} s, ${rate(report)} events/s`;
  const lines = report.failures.map((f) => `  ${f.kind}: ${f.message}`);
  if (report.failureCount > report.failures.length)
    lines.push(`  ... and ${report.failureCount - report.failures.length} more`);
  const horizon = report.lastCheckpointAt
    ? [`last checkpoint ${report.lastCheckpointAt}: events after it are held by their chains alone`]
    : [];
  return [
    ...(report.failureCount ? [`first failure: ${report.failures[0].message}`] : []),
    ...lines,
    ...horizon,
    summary + (report.failureCount ? `, ${report.failureCount} failures` : ''),
  ].join('\n');
}

/** Recomputes the chains and checkpoints; `ok` false when anything does not match. */
export async function verifyCommand(
  pool: Pool,
  args: VerifyArgs,
  progress: (line: string) => void,
): Promise<{ output: string; ok: boolean }> {
  const report = await verifyEventChain(pool, {
    streamId: args.ticketId === undefined ? undefined : ticketStreamId(args.ticketId),
    publicKeys: args.publicKeys,
    onProgress: (events, seconds) => {
      if (events % 100_000 === 0)
        progress(`[verify] ${events} events, ${Math.round(events / seconds)} events/s`);
    },
  });
  return { output: formatVerifyReport(report, args.json), ok: report.failureCount === 0 };
}
