import type { Pool, PoolClient } from 'pg';
import { ticketIdOfStream, UnknownEventError, upcastTicketEvent } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import type { EventEnvelope, EventStore, StoredEvent } from '@app/event-store';
import { withTransaction } from '@app/platform/db/database';
import {
  DEFAULT_READ_MODEL_SCHEMA,
  guardAndLockTicket,
  projectTicketEvent,
  readModelVersion,
} from '@app/read-model';
import { PoisonEventError } from './envelope';

export type ProjectionResult = 'applied' | 'duplicate' | 'gap-repaired';

const MAX_GAP_ATTEMPTS = 5;

/**
 * Applies an event exactly once in effect: the ticket row remembers the last version applied, an older or
 * repeated event changes nothing, and an event ahead of the row first catches the ticket up from the store.
 */
export class TicketProjector {
  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore<TicketEvent>,
    readonly schema = DEFAULT_READ_MODEL_SCHEMA,
  ) {}

  /**
   * A gap is filled from the store outside the transaction (a connection is never held while waiting for
   * another), then applied in a new one if the row has not moved; it is re-read if it has.
   */
  async handle(envelope: EventEnvelope): Promise<ProjectionResult> {
    const ticketId = ticketIdOfStream(envelope.streamId);
    const target = envelope.streamVersion;
    let fetched: readonly StoredEvent<TicketEvent>[] = [];
    for (let attempt = 1; attempt <= MAX_GAP_ATTEMPTS; attempt++) {
      const outcome = await withTransaction(this.pool, async (client) => {
        await guardAndLockTicket(client, this.schema, ticketId);
        const current = await readModelVersion(client, this.schema, ticketId);
        if (target <= current) return 'duplicate';
        if (target === current + 1) {
          await projectTicketEvent(client, this.schema, {
            streamVersion: target,
            event: upcast(envelope),
          });
          return 'applied';
        }
        const missing = fetched.filter((e) => e.streamVersion > current);
        if (missing[0]?.streamVersion !== current + 1) return { behindAt: current };
        await applyInOrder(client, this.schema, current, missing);
        return 'gap-repaired';
      });
      if (typeof outcome === 'string') return outcome;
      fetched = await this.readStore(envelope.streamId, outcome.behindAt, target);
      if (fetched.length < target - outcome.behindAt) {
        throw new PoisonEventError(`event store has no version ${target} of ${envelope.streamId}`);
      }
    }
    throw new Error(`${envelope.streamId} kept changing while its gap was being repaired`);
  }

  private async readStore(
    streamId: string,
    afterVersion: number,
    upToVersion: number,
  ): Promise<StoredEvent<TicketEvent>[]> {
    try {
      return await this.store.readStream(streamId, {
        afterVersion,
        limit: upToVersion - afterVersion,
      });
    } catch (error) {
      if (error instanceof UnknownEventError) throw new PoisonEventError(error.message);
      throw error;
    }
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
