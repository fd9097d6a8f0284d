import { CommandHandler } from '@nestjs/cqrs';
import type { ICommandHandler } from '@nestjs/cqrs';
import { authorLabel, TicketError } from '@app/domain';
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

  async execute(command: AddMessageCommand): Promise<AddMessageResult> {
    const { ticketId } = command;
    let messageId = await this.ids.next('message_id_seq');
    const { version, events } = await this.add(command, messageId).catch((error: unknown) => {
      if (!(error instanceof TicketError && error.code === 'MESSAGE_ID_OUT_OF_ORDER')) throw error;
      return this.ids
        .fresh('message_id_seq')
        .then((fresh) => this.add(command, (messageId = fresh)));
    });
    const added = events[0].event as MessageAdded;
    return {
      id: messageId,
      ticketId,
      message: added.data.message,
      authorType: added.data.authorType,
      authorLabel: authorLabel(added.data.authorType),
      createdAt: added.metadata.occurredAt,
      attachments: [],
      ticketVersion: version,
    };
  }

  private add({ context, ticketId, message }: AddMessageCommand, messageId: number) {
    return this.runner.run(ticketId, context, {
      type: 'AddMessage',
      data: { ticketId, messageId, message },
      metadata: commandMetadata(context),
    });
  }
}
