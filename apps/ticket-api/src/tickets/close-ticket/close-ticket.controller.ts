import { Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { parseTicketId, requestContext, setVersionHeaders } from '../shared/ticket-http';
import type { TicketStatusResponse } from '../shared/ticket.responses';
import { CloseTicketCommand } from './close-ticket.command';

@Controller('api/Ticket')
export class CloseTicketController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/close')
  @HttpCode(200)
  async close(
    @Param('id') id: string,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketStatusResponse> {
    const result = await this.commands.execute<CloseTicketCommand, TicketStatusResponse>(
      new CloseTicketCommand(requestContext(request, principal), parseTicketId(id)),
    );
    setVersionHeaders(reply, result.version);
    return result;
  }
}
