import { eventHash } from './chain-encoding';
import type { ChainedEvent } from './chain-rows';

export type ChainFailureKind =
  | 'changed'
  | 'reordered'
  | 'deleted'
  | 'inserted'
  | 'relinked'
  | 'checkpoint-changed'
  | 'checkpoint-deleted'
  | 'checkpoint-head'
  | 'checkpoint-unsigned'
  | 'checkpoint-forged';

/** Something in the store that does not match its chain, named so that a person can find it. */
export interface ChainFailure {
  kind: ChainFailureKind;
  message: string;
  streamId?: string;
  version?: number;
  globalPosition?: string;
  eventId?: string;
  checkpointId?: string;
}

const named = (e: ChainedEvent): string =>
  `${e.streamId} v${e.version} (global position ${e.globalPosition}, event ${e.eventId}, ${e.type})`;

const failure = (kind: ChainFailureKind, e: ChainedEvent, what: string): ChainFailure => ({
  kind,
  message: `${named(e)} ${what}`,
  streamId: e.streamId,
  version: e.version,
  globalPosition: e.globalPosition,
  eventId: e.eventId,
});

/** Checks events in (stream, version) order, one at a time; holds only the previous event's link. */
export class StreamChainChecker {
  private previous: { streamId: string; version: number; hash: string | null } | null = null;
  streams = 0;

  /** Every failure of this event, the most telling first. */
  check(e: ChainedEvent): ChainFailure[] {
    const before = this.previous?.streamId === e.streamId ? this.previous : null;
    if (!before) this.streams += 1;
    this.previous = { streamId: e.streamId, version: e.version, hash: e.hash };
    const failures: ChainFailure[] = [];
    const expected = (before?.version ?? 0) + 1;
    if (e.version !== expected) {
      const gap = e.version - 1 > expected ? `v${expected}-v${e.version - 1}` : `v${expected}`;
      failures.push(
        failure('deleted', e, `follows a gap: ${gap} of the stream is missing (deleted)`),
      );
    }
    if (e.hash === null) {
      failures.push(
        failure('inserted', e, 'has no hash: it was written around the chain (inserted)'),
      );
      return failures;
    }
    if (eventHash(e.prevHash, e) !== e.hash) {
      const movedFrom = [e.version + 1, e.version - 1].find(
        (version) => version > 0 && eventHash(e.prevHash, { ...e, version }) === e.hash,
      );
      failures.push(
        movedFrom === undefined
          ? failure('changed', e, 'does not match its hash: its content was changed')
          : failure('reordered', e, `was chained as v${movedFrom}: it was reordered or renumbered`),
      );
      return failures;
    }
    if (failures.length === 0 && e.prevHash !== (before?.hash ?? null)) {
      failures.push(
        failure(
          'relinked',
          e,
          before
            ? `does not chain to v${before.version}: the event before it was replaced or inserted`
            : 'is the first of its stream but chains to an event before it (deleted)',
        ),
      );
    }
    return failures;
  }
}
