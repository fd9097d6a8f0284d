import type { ActorRole } from '@app/domain';
import type { MessagePageRequest } from '@app/read-model';

export class ListMessagesQuery {
  constructor(
    readonly ticketId: number,
    readonly accountId: string,
    readonly reader: ActorRole,
    readonly page: MessagePageRequest,
  ) {}
}
