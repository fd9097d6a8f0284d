import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQueryHandler } from '@nestjs/cqrs';
import { TicketErrors } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import { EVENT_STORE } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import { ticketAccountOf } from '@app/ticket-store';
import { ApiError } from '@app/platform/http/api-error';
import { TICKET_READ_MODEL } from '@app/read-model';
import type { TicketReadModel } from '@app/read-model';
import { GetTicketQuery } from './get-ticket.query';
import type { TicketLookup } from './get-ticket.query';

export const MIN_VERSION_WAIT_MS = 3_000;
const POLL_MS = 15;

@QueryHandler(GetTicketQuery)
export class GetTicketHandler implements IQueryHandler<GetTicketQuery, TicketLookup> {
  constructor(
    @Inject(TICKET_READ_MODEL) private readonly readModel: TicketReadModel,
    @Inject(EVENT_STORE) private readonly store: EventStore<TicketEvent>,
  ) {}

  async execute(query: GetTicketQuery): Promise<TicketLookup> {
    const { ticketId, accountId, minVersion, knownVersions } = query;
    if (minVersion !== undefined) await this.waitFor(ticketId, accountId, minVersion);
    if (knownVersions.length > 0) {
      // one indexed row instead of the thread: what a polling client asks for most of the time
      const version = await this.readModel.versionOf(ticketId, accountId);
      if (knownVersions.includes(version)) return { unchangedAt: version };
    }
    const ticket = await this.readModel.findTicket(ticketId, accountId);
    if (!ticket) throw TicketErrors.notFound(ticketId);
    return { ticket };
  }

  private async waitFor(ticketId: number, accountId: string, minVersion: number): Promise<void> {
    if ((await this.readModel.versionOf(ticketId, accountId)) >= minVersion) return;
    // behind, or not this account's ticket at all: only the event store can tell which
    if ((await ticketAccountOf(this.store, ticketId)) !== accountId) {
      throw TicketErrors.notFound(ticketId);
    }
    const deadline = Date.now() + MIN_VERSION_WAIT_MS;
    while ((await this.readModel.versionOf(ticketId, accountId)) < minVersion) {
      if (Date.now() > deadline) {
        throw new ApiError(
          'READ_MODEL_BEHIND',
          `Ticket ${ticketId} has not reached version ${minVersion} in the read model yet.`,
          { headers: { 'retry-after': '1' } },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}
