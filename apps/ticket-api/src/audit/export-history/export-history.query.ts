export class ExportHistoryQuery {
  constructor(
    readonly ticketId: number,
    readonly accountId: string,
  ) {}
}
