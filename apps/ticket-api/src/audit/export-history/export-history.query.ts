import type { ActorRole } from '@app/domain';

export class ExportHistoryQuery {
  constructor(
    readonly ticketId: number,
    readonly accountId: string,
    readonly reader: ActorRole,
  ) {}
}
