import { CommandHandler } from '@nestjs/cqrs';
import type { ICommandHandler } from '@nestjs/cqrs';
import { DEFAULT_PRIORITY } from '@app/domain';
import { IdAllocator } from '@app/ticket-store';
import { commandMetadata } from '@app/ticket-store';
import { TicketCommandRunner } from '@app/ticket-store';
import type { TicketResponse } from '@app/read-model';
import { OpenTicketCommand } from './open-ticket.command';

@CommandHandler(OpenTicketCommand)
export class OpenTicketHandler implements ICommandHandler<OpenTicketCommand, TicketResponse> {
  constructor(
    private readonly runner: TicketCommandRunner,
    private readonly ids: IdAllocator,
  ) {}

  async execute({ context, request }: OpenTicketCommand): Promise<TicketResponse> {
    const ticketId = await this.ids.next('ticket_id_seq');
    const metadata = commandMetadata(context);
    const data = {
      ticketId,
      accountId: context.principal.accountId,
      subject: request.subject.trim(),
      description: request.description,
      topic: request.topic.trim(),
      propertyId: request.propertyId ?? null,
    };
    const { version } = await this.runner.run(ticketId, context, {
      type: 'OpenTicket',
      data,
      metadata,
    });
    return {
      id: ticketId,
      accountId: data.accountId,
      subject: data.subject,
      description: data.description,
      topic: data.topic,
      propertyId: data.propertyId,
      status: 'Open',
      createdAt: metadata.occurredAt,
      updatedAt: metadata.occurredAt,
      resolvedAt: null,
      closedAt: null,
      priority: DEFAULT_PRIORITY,
      assignee: null,
      version,
      attachments: [],
      messages: [],
      olderMessages: null,
    };
  }
}
