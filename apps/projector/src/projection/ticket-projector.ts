import type { Pool, PoolClient } from 'pg';
import { UnknownEventError, upcastTicketEvent } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import type { EventEnvelope, EventStore, StoredEvent } from '@app/event-store';
import { withTransaction } from '@app/platform/db/database';
import { PoisonEventError } from './envelope';
import { guardAgainstSwap, lockTicket } from './read-model-locks';
import { projectTicketEvent } from './ticket.projection';

export type ProjectionResult = 'applied' | 'duplicate' | 'gap-repaired';

export const READ_MODEL_SCHEMA = 'read_model';

export const ticketIdOf = (streamId: string): number => Number(streamId.replace(/^ticket-/, ''));

/**
 * Applies an event exactly once in effect: the ticket row remembers the last version applied, an older or
 * repeated event changes nothing, and an event ahead of the row first catches the ticket up from the store.
 */
export class TicketProjector {
  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore<TicketEvent>,
    readonly schema = READ_MODEL_SCHEMA,
  ) {}

  handle(envelope: EventEnvelope): Promise<ProjectionResult> {
    return withTransaction(this.pool, async (client) => {
      const ticketId = ticketIdOf(envelope.streamId);
      await guardAgainstSwap(client, this.schema);
      await lockTicket(client, this.schema, ticketId);
      const current = await versionOf(client, this.schema, ticketId);
      if (envelope.streamVersion <= current) return 'duplicate';
      if (envelope.streamVersion === current + 1) {
        await projectTicketEvent(client, this.schema, {
          streamVersion: envelope.streamVersion,
          event: upcast(envelope),
        });
        return 'applied';
      }
      const missing = await this.readStore(envelope.streamId, current, envelope.streamVersion);
      if (missing.length < envelope.streamVersion - current) {
        throw new PoisonEventError(
          `event store has no version ${envelope.streamVersion} of ${envelope.streamId}`,
        );
      }
      await applyInOrder(client, this.schema, current, missing);
      return 'gap-repaired';
    });
  }

  /** Applies what the store has beyond the ticket's row, in the caller's transaction; returns how many. */
  async catchUp(client: PoolClient, ticketId: number): Promise<number> {
    const current = await versionOf(client, this.schema, ticketId);
    const missing = await this.readStore(`ticket-${ticketId}`, current);
    await applyInOrder(client, this.schema, current, missing);
    return missing.length;
  }

  private async readStore(
    streamId: string,
    afterVersion: number,
    upToVersion?: number,
  ): Promise<StoredEvent<TicketEvent>[]> {
    try {
      return await this.store.readStream(streamId, {
        afterVersion,
        limit: upToVersion === undefined ? undefined : upToVersion - afterVersion,
      });
    } catch (error) {
      if (error instanceof UnknownEventError) throw new PoisonEventError(error.message);
      throw error;
    }
  }
}

async function versionOf(client: PoolClient, schema: string, ticketId: number): Promise<number> {
  const { rows } = await client.query<{ version: number }>(
    `SELECT version FROM ${schema}.tickets WHERE ticket_id = $1`,
    [ticketId],
  );
  return rows[0]?.version ?? 0;
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
