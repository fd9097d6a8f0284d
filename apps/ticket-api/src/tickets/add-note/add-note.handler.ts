import { CommandHandler } from '@nestjs/cqrs';
import type { ICommandHandler } from '@nestjs/cqrs';
import { authorLabel, TicketErrors } from '@app/domain';
import type { InternalNoteAdded } from '@app/domain';
import { commandMetadata, IdAllocator, TicketCommandRunner } from '@app/ticket-store';
import type { MessageResponse } from '@app/read-model';
import { AddNoteCommand } from './add-note.command';

export type AddNoteResult = MessageResponse & { ticketVersion: number };

/** A note is a thread item like a reply (its id from the same sequence), shown to staff readers only. */
@CommandHandler(AddNoteCommand)
export class AddNoteHandler implements ICommandHandler<AddNoteCommand, AddNoteResult> {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly ids: IdAllocator,
  ) {}

  async execute({ context, ticketId, note }: AddNoteCommand): Promise<AddNoteResult> {
    // before an id is taken, so a customer key costs nothing
    if (context.principal.role !== 'staff') throw TicketErrors.staffOnly('add an internal note');
    const noteId = await this.ids.next('message_id_seq');
    const { version, events } = await this.runner.run(ticketId, context, {
      type: 'AddInternalNote',
      data: { ticketId, noteId, note },
      metadata: commandMetadata(context),
    });
    const added = events[0].event as InternalNoteAdded;
    return {
      id: added.data.noteId,
      ticketId,
      message: added.data.note,
      authorType: 'staff',
      authorLabel: authorLabel('staff'),
      createdAt: added.metadata.occurredAt,
      internal: true,
      attachments: [],
      ticketVersion: version,
    };
  }
}
