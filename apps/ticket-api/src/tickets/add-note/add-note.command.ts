import type { RequestContext } from '@app/ticket-store';

export class AddNoteCommand {
  constructor(
    readonly context: RequestContext,
    readonly ticketId: number,
    readonly note: string,
  ) {}
}
