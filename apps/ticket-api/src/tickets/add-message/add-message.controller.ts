import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { Idempotent } from '@app/platform/idempotency/idempotent.decorator';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { parseTicketId, requestContext, setVersionHeaders } from '@app/ticket-http';
import { ticketLocation } from '../shared/ticket.responses';
import { AddMessageCommand } from './add-message.command';
import type { AddMessageResult } from './add-message.handler';
import { AddMessageRequest } from './add-message.request';

@Controller('api/Ticket')
export class AddMessageController {
  constructor(private readonly commands: CommandBus) {}

  @Idempotent()
  @Post(':id/message')
  @HttpCode(201)
  async addMessage(
    @Param('id') id: string,
    @Body() body: AddMessageRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<AddMessageResult> {
    const ticketId = parseTicketId(id);
    const result = await this.commands.execute<AddMessageCommand, AddMessageResult>(
      new AddMessageCommand(requestContext(request, principal), ticketId, body.message),
    );
    void reply.header('location', ticketLocation(ticketId, principal.accountId));
    setVersionHeaders(reply, result.ticketVersion);
    return result;
  }
}
