import type { Pool, PoolClient } from 'pg';
import { upcastTicketEvent } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import type { EventEnvelope, EventStore } from '@app/event-store';
import { withTransaction } from '@app/platform/db/database';
import { PoisonEventError } from './envelope';
import { projectTicketEvent } from './ticket.projection';

export type ProjectionResult = 'applied' | 'duplicate' | 'gap-repaired';

export const READ_MODEL_SCHEMA = 'read_model';

/**
 * Applies an event exactly once in effect: the ticket row remembers the last version applied, an older or
 * repeated event changes nothing, and an event ahead of the row first catches the ticket up from the store.
 */
export class TicketProjector {
  constructor(
    private readonly pool: Pool,
    private readonly store: EventStore<TicketEvent>,
    private readonly schema = READ_MODEL_SCHEMA,
  ) {}

  handle(envelope: EventEnvelope): Promise<ProjectionResult> {
    return withTransaction(this.pool, (client) => this.applyIn(client, envelope));
  }

  private async applyIn(client: PoolClient, envelope: EventEnvelope): Promise<ProjectionResult> {
    const ticketId = Number(envelope.streamId.replace(/^ticket-/, ''));
    const { rows } = await client.query<{ version: number }>(
      `SELECT version FROM ${this.schema}.tickets WHERE ticket_id = $1 FOR UPDATE`,
      [ticketId],
    );
    const current = rows[0]?.version ?? 0;
    if (envelope.streamVersion <= current) return 'duplicate';
    if (envelope.streamVersion === current + 1) {
      await projectTicketEvent(client, this.schema, {
        streamVersion: envelope.streamVersion,
        event: this.upcast(envelope),
      });
      return 'applied';
    }
    const missing = await this.store.readStream(envelope.streamId, {
      afterVersion: current,
      limit: envelope.streamVersion - current,
    });
    if (missing.length < envelope.streamVersion - current) {
      throw new PoisonEventError(
        `event store has no version ${envelope.streamVersion} of ${envelope.streamId}`,
      );
    }
    for (const stored of missing) {
      await projectTicketEvent(client, this.schema, stored);
    }
    return 'gap-repaired';
  }

  private upcast(envelope: EventEnvelope): TicketEvent {
    try {
      return upcastTicketEvent(envelope);
    } catch (error) {
      throw new PoisonEventError(error instanceof Error ? error.message : String(error));
    }
  }
}
