import type { ActorRole } from '@app/domain';

export class GetTicketAsOfQuery {
  constructor(
    readonly ticketId: number,
    readonly accountId: string,
    readonly asOf: Date,
    readonly reader: ActorRole,
  ) {}
}
