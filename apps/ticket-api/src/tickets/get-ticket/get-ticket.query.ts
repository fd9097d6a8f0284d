export class GetTicketQuery {
  constructor(
    readonly ticketId: number,
    readonly accountId: string,
    /** Wait, bounded, until the read model has reached this version (read your own writes). */
    readonly minVersion?: number,
  ) {}
}
