import type { Pool, PoolClient } from 'pg';
import {
  isAccountDataErased,
  isAccountStreamId,
  ticketIdOfStream,
  ticketStreamId,
  UnknownEventError,
  upcastTicketEvent,
} from '@app/domain';
import type { TicketEvent } from '@app/domain';
import type { EventEnvelope, EventStore, PersonalDataCodec, StoredEvent } from '@app/event-store';
import { withTransaction } from '@app/platform/db/database';
import {
  DEFAULT_READ_MODEL_SCHEMA,
  guardAndLockTickets,
  projectAccountErasure,
  projectTicketEvent,
  projectTicketEvents,
  readModelVersions,
} from '@app/read-model';
import type { ProjectedEvent } from '@app/read-model';
import { planBatch } from './batch-plan';
import type { BatchEvent, Behind, ProjectionResult } from './batch-plan';
import { PoisonEventError } from './envelope';

export type { ProjectionResult } from './batch-plan';

const MAX_GAP_ATTEMPTS = 5;

/**
 * Applies events exactly once in effect: a ticket's row remembers the last version applied, an older or
 * repeated event changes nothing, and an event ahead of the row first catches the ticket up from the store.
 */
export class TicketProjector {
  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore<TicketEvent>,
    readonly schema = DEFAULT_READ_MODEL_SCHEMA,
    private readonly codec?: PersonalDataCodec,
  ) {}

  async handle(envelope: EventEnvelope): Promise<ProjectionResult> {
    const [result] = await this.handleBatch([envelope]);
    return result;
  }

  /**
   * A batch (each ticket's events in order) in one transaction, the outcome of each event in its place. The
   * tickets with a hole wait: it is filled from the store outside the transaction (a connection is never held
   * while waiting for another), then they are applied in a new one, re-read if their rows moved meanwhile.
   */
  async handleBatch(envelopes: readonly EventEnvelope[]): Promise<ProjectionResult[]> {
    const results: ProjectionResult[] = [];
    let run: number[] = [];
    const flush = async () => {
      if (run.length === 0) return;
      const projected = await this.handleTickets(run.map((i) => envelopes[i]));
      run.forEach((index, k) => (results[index] = projected[k]));
      run = [];
    };
    for (const [index, envelope] of envelopes.entries()) {
      if (!isAccountStreamId(envelope.streamId)) {
        run.push(index);
        continue;
      }
      await flush();
      results[index] = await this.handleAccountEvent(envelope);
    }
    await flush();
    return results;
  }

  /** An account's erasure blanks what the read model holds of it; its other events change nothing here. */
  private async handleAccountEvent(envelope: EventEnvelope): Promise<ProjectionResult> {
    if (!isAccountDataErased(envelope)) return 'duplicate';
    const { accountId } = envelope.data;
    // keys this process still held are dropped first, so no batch after this one opens the account's data
    await this.codec?.keys.refreshed([accountId]);
    await withTransaction(this.pool, (client) =>
      projectAccountErasure(client, this.schema, accountId),
    );
    return 'applied';
  }

  private async handleTickets(sealed: readonly EventEnvelope[]): Promise<ProjectionResult[]> {
    const envelopes = this.codec ? await this.codec.openRecords(sealed) : sealed;
    const results: ProjectionResult[] = [];
    let pending: BatchEvent[] = envelopes.map((envelope, index) => ({
      index,
      ticketId: ticketIdOfStream(envelope.streamId),
      streamVersion: envelope.streamVersion,
      event: upcast(envelope),
    }));
    const fetched = new Map<number, ProjectedEvent[]>();
    for (let attempt = 1; attempt <= MAX_GAP_ATTEMPTS; attempt++) {
      const plan = await withTransaction(this.pool, async (client) => {
        const ticketIds = pending.map((e) => e.ticketId);
        await guardAndLockTickets(client, this.schema, ticketIds);
        const planned = planBatch(
          pending,
          await readModelVersions(client, this.schema, ticketIds),
          fetched,
        );
        await projectTicketEvents(client, this.schema, planned.project);
        return planned;
      });
      for (const [index, result] of plan.results) results[index] = result;
      if (plan.behind.size === 0) return results;
      pending = pending.filter((e) => plan.behind.has(e.ticketId));
      for (const [ticketId, behind] of plan.behind) {
        fetched.set(ticketId, await this.readStore(ticketId, behind));
      }
    }
    throw new Error(
      `tickets ${[...new Set(pending.map((e) => e.ticketId))].join(', ')} kept changing while their gaps were repaired`,
    );
  }

  private async readStore(
    ticketId: number,
    { after, upTo }: Behind,
  ): Promise<StoredEvent<TicketEvent>[]> {
    const streamId = ticketStreamId(ticketId);
    let events: StoredEvent<TicketEvent>[];
    try {
      events = await this.store.readStream(streamId, { afterVersion: after, limit: upTo - after });
    } catch (error) {
      if (error instanceof UnknownEventError) throw new PoisonEventError(error.message);
      throw error;
    }
    if (events.length < upTo - after) {
      throw new PoisonEventError(`event store has no version ${upTo} of ${streamId}`);
    }
    return events;
  }
}

/** Applies stored events that must follow `current` without a hole. */
export async function applyInOrder(
  client: PoolClient,
  schema: string,
  current: number,
  events: readonly StoredEvent<TicketEvent>[],
): Promise<number> {
  let version = current;
  for (const stored of events) {
    if (stored.streamVersion !== version + 1) {
      throw new PoisonEventError(
        `${stored.streamId} jumps from version ${version} to ${stored.streamVersion}`,
      );
    }
    await projectTicketEvent(client, schema, stored);
    version = stored.streamVersion;
  }
  return version;
}

function upcast(envelope: EventEnvelope): TicketEvent {
  try {
    return upcastTicketEvent(envelope);
  } catch (error) {
    throw new PoisonEventError(error instanceof Error ? error.message : String(error));
  }
}
