import type { RequestContext } from '@app/ticket-store';
import type { FormPart } from './upload-form';

export class UploadAttachmentCommand {
  constructor(
    readonly context: RequestContext,
    readonly ticketId: number,
    readonly form: AsyncIterable<FormPart>,
  ) {}
}
