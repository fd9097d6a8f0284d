import type { ActorRole } from '@app/domain';

export class TicketHistoryQuery {
  constructor(
    readonly ticketId: number,
    readonly accountId: string,
    /** Events after this version (the cursor). */
    readonly afterVersion: number,
    readonly limit: number,
    /** A customer's history has no staff-only event and counts versions over what it sees. */
    readonly reader: ActorRole,
  ) {}
}
