import type { ActorRole } from '@app/domain';

export class DownloadAttachmentQuery {
  constructor(
    readonly ticketId: number,
    readonly attachmentId: number,
    readonly accountId: string,
    /** A customer never downloads a file on an internal note: 404, as for no file at all. */
    readonly reader: ActorRole,
    readonly headers: {
      readonly range?: string;
      readonly ifRange?: string;
      readonly ifNoneMatch?: string;
    },
  ) {}
}
