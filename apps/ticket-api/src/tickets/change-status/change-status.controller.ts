import { Body, Controller, HttpCode, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { parseTicketId, requestContext, setVersionHeaders } from '../shared/ticket-http';
import type { TicketStatusResponse } from '../shared/ticket.responses';
import { ChangeStatusCommand } from './change-status.command';
import { ChangeStatusRequest } from './change-status.request';

@Controller('api/Ticket')
export class ChangeStatusController {
  constructor(private readonly commands: CommandBus) {}

  @Post(':id/status')
  @HttpCode(200)
  async changeStatus(
    @Param('id') id: string,
    @Body() body: ChangeStatusRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketStatusResponse> {
    const result = await this.commands.execute<ChangeStatusCommand, TicketStatusResponse>(
      new ChangeStatusCommand(requestContext(request, principal), parseTicketId(id), body.status),
    );
    setVersionHeaders(reply, result.version);
    return result;
  }
}
