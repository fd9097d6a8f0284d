import type { MessagePageRequest } from '@app/read-model';

export class ListMessagesQuery {
  constructor(
    readonly ticketId: number,
    readonly accountId: string,
    readonly page: MessagePageRequest,
  ) {}
}
