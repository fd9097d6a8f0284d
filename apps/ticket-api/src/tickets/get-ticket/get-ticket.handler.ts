import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQueryHandler } from '@nestjs/cqrs';
import { TicketErrors } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import { EVENT_STORE } from '@app/event-store';
import type { EventStore } from '@app/event-store';
import { ticketAccountOf, ticketHasVersion } from '@app/ticket-store';
import { ApiError } from '@app/platform/http/api-error';
import { TICKET_READ_MODEL } from '@app/read-model';
import type { TicketReadModel } from '@app/read-model';
import { MIN_VERSION_WAIT_LIMITS, WaitLimits } from '../../waits/wait-limits';
import { GetTicketQuery } from './get-ticket.query';
import type { TicketLookup } from './get-ticket.query';
import { READ_MODEL_ADVANCES } from './read-model-advances';
import type { ReadModelAdvances } from './read-model-advances';

export const MIN_VERSION_WAIT_MS = 3_000;
/** Safety net for a notification lost while the listener was reconnecting. */
const RECHECK_MS = 1_000;

@QueryHandler(GetTicketQuery)
export class GetTicketHandler implements IQueryHandler<GetTicketQuery, TicketLookup> {
  constructor(
    @Inject(TICKET_READ_MODEL) private readonly readModel: TicketReadModel,
    @Inject(EVENT_STORE) private readonly store: EventStore<TicketEvent>,
    @Inject(READ_MODEL_ADVANCES) private readonly advances: ReadModelAdvances,
    @Inject(MIN_VERSION_WAIT_LIMITS) private readonly limits: WaitLimits,
  ) {}

  async execute(query: GetTicketQuery): Promise<TicketLookup> {
    const { ticketId, accountId, reader, minVersion, knownVersions } = query;
    if (minVersion !== undefined) await this.waitFor(query, minVersion);
    if (knownVersions.length > 0) {
      // one indexed row instead of the thread: what a polling client asks for most of the time
      const version = await this.readModel.versionOf(ticketId, accountId, reader);
      if (knownVersions.includes(version)) return { unchangedAt: version };
    }
    const ticket = await this.readModel.findTicket(ticketId, accountId, reader);
    if (!ticket) throw TicketErrors.notFound(ticketId);
    return { ticket };
  }

  /**
   * Behind, not this account's ticket, or a version the ticket never reached: only the event store can tell
   * which. Then it waits on the projector's notifications for this ticket, in one of the key's places.
   */
  private async waitFor(
    { ticketId, accountId, reader, apiKeyId }: GetTicketQuery,
    minVersion: number,
  ): Promise<void> {
    const reached = () => this.readModel.versionOf(ticketId, accountId, reader);
    if ((await reached()) >= minVersion) return;
    if ((await ticketAccountOf(this.store, ticketId)) !== accountId) {
      throw TicketErrors.notFound(ticketId);
    }
    if (!(await ticketHasVersion(this.store, ticketId, minVersion, reader))) {
      throw new ApiError(
        'MIN_VERSION_AHEAD',
        `Ticket ${ticketId} has no version ${minVersion}: minVersion must be a version a command returned.`,
      );
    }
    const release = this.limits.acquire(apiKeyId);
    try {
      const deadline = Date.now() + MIN_VERSION_WAIT_MS;
      for (;;) {
        const left = deadline - Date.now();
        const wakeup = this.advances.next(ticketId, Math.min(RECHECK_MS, Math.max(left, 0)));
        if ((await reached()) >= minVersion) {
          wakeup.cancel();
          return;
        }
        if (left <= 0 || this.advances.isClosed) {
          wakeup.cancel();
          throw new ApiError(
            'READ_MODEL_BEHIND',
            `Ticket ${ticketId} has not reached version ${minVersion} in the read model yet.`,
            { headers: { 'retry-after': '1' } },
          );
        }
        await wakeup.promise;
      }
    } finally {
      release();
    }
  }
}
