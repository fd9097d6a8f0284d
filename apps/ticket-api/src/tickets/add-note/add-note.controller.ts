import { Body, Controller, HttpCode, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { Idempotent } from '@app/platform/idempotency/idempotent.decorator';
import { CommandTarget, setVersionHeaders } from '@app/ticket-http';
import type { TicketTarget } from '@app/ticket-http';
import { ticketLocation } from '../shared/ticket.responses';
import { AddNoteCommand } from './add-note.command';
import type { AddNoteResult } from './add-note.handler';
import { AddNoteRequest } from './add-note.request';

@Controller('api/Ticket')
export class AddNoteController {
  constructor(private readonly commands: CommandBus) {}

  @Idempotent()
  @Post(':id/note')
  @HttpCode(201)
  async addNote(
    @Body() body: AddNoteRequest,
    @CommandTarget() { ticketId, context }: TicketTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AddNoteResult> {
    const result = await this.commands.execute<AddNoteCommand, AddNoteResult>(
      new AddNoteCommand(context, ticketId, body.note),
    );
    void reply.header('location', ticketLocation(ticketId, context.principal.accountId));
    setVersionHeaders(reply, result.ticketVersion);
    return result;
  }
}
