export class DownloadAttachmentQuery {
  constructor(
    readonly ticketId: number,
    readonly attachmentId: number,
    readonly accountId: string,
    readonly headers: {
      readonly range?: string;
      readonly ifRange?: string;
      readonly ifNoneMatch?: string;
    },
  ) {}
}
