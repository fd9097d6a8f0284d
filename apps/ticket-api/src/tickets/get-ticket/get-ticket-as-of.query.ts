export class GetTicketAsOfQuery {
  constructor(
    readonly ticketId: number,
    readonly accountId: string,
    readonly asOf: Date,
  ) {}
}
