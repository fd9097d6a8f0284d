import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { Idempotent } from '@app/platform/idempotency/idempotent.decorator';
import { CommandBus } from '@nestjs/cqrs';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { requestContext, setVersionHeaders } from '@app/ticket-http';
import { ticketLocation } from '../shared/ticket.responses';
import { forReader } from '@app/read-model';
import type { StaffOnlyFields, TicketResponse } from '@app/read-model';
import { OpenTicketCommand } from './open-ticket.command';
import { OpenTicketRequest } from './open-ticket.request';

@Controller('api/Ticket')
export class OpenTicketController {
  constructor(private readonly commands: CommandBus) {}

  @Idempotent()
  @Post()
  @HttpCode(201)
  async open(
    @Body() body: OpenTicketRequest,
    @CurrentPrincipal() principal: Principal,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketResponse | Omit<TicketResponse, StaffOnlyFields>> {
    const ticket = await this.commands.execute<OpenTicketCommand, TicketResponse>(
      new OpenTicketCommand(requestContext(request, principal), body),
    );
    void reply.header('location', ticketLocation(ticket.id, ticket.accountId));
    setVersionHeaders(reply, ticket.version);
    return forReader(ticket, principal.role);
  }
}
