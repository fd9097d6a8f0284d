// `npm run bench:fold`: how long folding one ticket's events into its state takes (what a state-cache miss costs
// a service's only thread), at 5k, 10k and 50k events, side by side: the fold before issue 12 (copied below, it
// copied the whole id set on every MessageAdded/AttachmentAdded) and the fold in libs/domain.
//
// CPU only: no servers. Bounded: each size is folded BENCH_FOLD_RUNS times (default 5, median reported); the
// old fold is skipped at a size where one run would take longer than BENCH_FOLD_OLD_LIMIT_MS (default 30000),
// estimated from the previous size, unless BENCH_FOLD_OLD_LIMIT_MS is raised.
import { loadavg } from 'node:os';
import { fold } from '@app/domain';
import type { EventMetadata, TicketEvent } from '@app/domain';

const SIZES = [5_000, 10_000, 50_000];
const RUNS = Number(process.env.BENCH_FOLD_RUNS ?? 5);
const OLD_LIMIT_MS = Number(process.env.BENCH_FOLD_OLD_LIMIT_MS ?? 30_000);
const TARGET_MS_AT_50K = 100;

type OldState =
  | { kind: 'Empty' }
  | {
      kind: 'Existing';
      status: string;
      resolvedAt: string | null;
      closedAt: string | null;
      messageIds: Set<number>;
      attachmentIds: Set<number>;
    };

/** The evolve of libs/domain before issue 12, kept for the side-by-side figure. */
function oldEvolve(state: OldState, event: TicketEvent): OldState {
  if (event.type === 'TicketOpened') {
    const empty = { resolvedAt: null, closedAt: null, messageIds: new Set<number>() };
    return { kind: 'Existing', status: 'Open', ...empty, attachmentIds: new Set<number>() };
  }
  if (state.kind === 'Empty') return state;
  switch (event.type) {
    case 'MessageAdded':
      return { ...state, messageIds: new Set([...state.messageIds, event.data.messageId]) };
    case 'AttachmentAdded':
      return {
        ...state,
        attachmentIds: new Set([...state.attachmentIds, event.data.attachmentId]),
      };
    case 'TicketReopened':
      return { ...state, status: 'Open', resolvedAt: null };
    case 'TicketResolved':
      return { ...state, status: 'Resolved', resolvedAt: event.metadata.occurredAt };
    case 'TicketStatusChanged':
      return { ...state, status: event.data.to };
    case 'TicketClosed':
      return { ...state, status: 'Closed', closedAt: event.metadata.occurredAt };
    case 'TicketAssigned':
    case 'TicketPriorityChanged':
    case 'InternalNoteAdded':
    case 'NoteAttachmentAdded':
      return state;
  }
}
const oldFold = (events: TicketEvent[]): OldState =>
  events.reduce(oldEvolve, { kind: 'Empty' } as OldState);

const metadata: EventMetadata = {
  actor: { role: 'customer', accountId: 'acct-bench', apiKeyId: 'key-bench' },
  occurredAt: '2025-01-15T10:00:00.000Z',
  correlationId: 'bench',
};

/** A ticket's stream: opened, then four replies to every attachment, and a resolve every 100 events. */
function stream(size: number): TicketEvent[] {
  const opened = { ticketId: 1, accountId: 'acct-bench', subject: 's', description: 'd' };
  const events: TicketEvent[] = [
    {
      type: 'TicketOpened',
      schemaVersion: 1,
      data: { ...opened, topic: 't', propertyId: null },
      metadata,
    },
  ];
  const file = { fileName: 'f', contentType: 'text/plain', size: 1, sha256: '', objectKey: 'k' };
  for (let i = 1; i < size; i++) {
    if (i % 100 === 0) {
      events.push({ type: 'TicketResolved', schemaVersion: 1, data: { ticketId: 1 }, metadata });
    } else if (i % 5 === 0) {
      const data = {
        ticketId: 1,
        attachmentId: i,
        messageId: i - 1,
        uploadedBy: 'customer' as const,
      };
      events.push({
        type: 'AttachmentAdded',
        schemaVersion: 2,
        data: { ...data, ...file },
        metadata,
      });
    } else {
      const data = { ticketId: 1, messageId: i, message: 'm', authorType: 'customer' as const };
      events.push({ type: 'MessageAdded', schemaVersion: 1, data, metadata });
    }
  }
  return events;
}

interface Timing {
  wall: number;
  cpu: number;
}

const median = (samples: number[]): number =>
  samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];

/** Median wall and CPU time of `runs` folds, in ms; CPU time is what the fold itself costs on a busy machine. */
function time(
  foldEvents: (events: TicketEvent[]) => { kind: string },
  events: TicketEvent[],
  runs: number,
): Timing {
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpu0 = process.cpuUsage();
    const t0 = process.hrtime.bigint();
    const state = foldEvents(events);
    walls.push(Number(process.hrtime.bigint() - t0) / 1e6);
    const cpu = process.cpuUsage(cpu0);
    cpus.push((cpu.user + cpu.system) / 1000);
    if (state.kind !== 'Existing') throw new Error('the fold lost the ticket');
  }
  return { wall: median(walls), cpu: median(cpus) };
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const both = (t: Timing | undefined): string =>
  t === undefined ? 'skipped' : `${ms(t.wall)} / ${ms(t.cpu)}`;

function main(): void {
  console.log(
    `Fold benchmark: median of ${RUNS} runs per size, node ${process.version}, load ${loadavg()[0].toFixed(1)}`,
  );
  console.log(
    'Each column: wall time / CPU time of one fold (CPU time excludes waiting for a core).',
  );
  console.log(
    `${'events'.padStart(8)}  ${'before (copy per id)'.padStart(26)}  ${'after (libs/domain)'.padStart(22)}  ${'ratio (CPU)'.padStart(11)}`,
  );
  let previous: { size: number; old: Timing } | undefined;
  let after50k: Timing | undefined;
  for (const size of SIZES) {
    const events = stream(size);
    // quadratic: a size k times the last costs about k² times as much
    const estimate = previous && previous.old.cpu * (size / previous.size) ** 2;
    const old =
      estimate === undefined || estimate <= OLD_LIMIT_MS
        ? time(oldFold, events, estimate !== undefined && estimate > 5_000 ? 1 : RUNS)
        : undefined;
    const current = time((e) => fold(e), events, RUNS);
    if (size === 50_000) after50k = current;
    const ratio = old === undefined ? '' : `${(old.cpu / current.cpu).toFixed(0)}x`;
    const note =
      old === undefined && estimate !== undefined
        ? `  (estimated ${(estimate / 1000).toFixed(0)} s per run)`
        : '';
    console.log(
      `${String(size).padStart(8)}  ${both(old).padStart(26)}  ${both(current).padStart(22)}  ${ratio.padStart(11)}${note}`,
    );
    if (old !== undefined) previous = { size, old };
  }
  if (after50k === undefined) return;
  const verdict = after50k.cpu < TARGET_MS_AT_50K ? 'meets' : 'MISSES';
  console.log(
    `50,000 events: ${ms(after50k.cpu)} of CPU (${ms(after50k.wall)} wall), ${verdict} the target of < ${TARGET_MS_AT_50K} ms`,
  );
  if (after50k.cpu >= TARGET_MS_AT_50K) process.exitCode = 1;
}

main();
