export class TicketHistoryQuery {
  constructor(
    readonly ticketId: number,
    readonly accountId: string,
    /** Events after this version (the cursor). */
    readonly afterVersion: number,
    readonly limit: number,
  ) {}
}
