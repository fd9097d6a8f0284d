import { CommandHandler } from '@nestjs/cqrs';
import type { ICommandHandler } from '@nestjs/cqrs';
import { authorLabel } from '@app/domain';
import type { MessageAdded } from '@app/domain';
import { IdAllocator } from '@app/ticket-store';
import { commandMetadata } from '@app/ticket-store';
import { TicketCommandRunner } from '@app/ticket-store';
import type { MessageResponse } from '@app/read-model';
import { AddMessageCommand } from './add-message.command';

export type AddMessageResult = MessageResponse & { ticketVersion: number };

@CommandHandler(AddMessageCommand)
export class AddMessageHandler implements ICommandHandler<AddMessageCommand, AddMessageResult> {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly ids: IdAllocator,
  ) {}

  async execute({ context, ticketId, message }: AddMessageCommand): Promise<AddMessageResult> {
    const { version, events } = await this.runner.run(ticketId, context, {
      type: 'AddMessage',
      data: { ticketId, messageId: await this.ids.next('message_id_seq'), message },
      metadata: commandMetadata(context),
    });
    const added = events[0].event as MessageAdded;
    return {
      id: added.data.messageId,
      ticketId,
      message: added.data.message,
      authorType: added.data.authorType,
      authorLabel: authorLabel(added.data.authorType),
      createdAt: added.metadata.occurredAt,
      attachments: [],
      ticketVersion: version,
    };
  }
}
