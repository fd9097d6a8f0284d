import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { parseTicketId, setVersionHeaders } from '../shared/ticket-http';
import type { TicketResponse } from '../shared/ticket.responses';
import { GetTicketQuery } from './get-ticket.query';
import { GetTicketQueryParams } from './get-ticket.request';

@Controller('api/Ticket')
export class GetTicketController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  async get(
    @Param('id') id: string,
    @Query() params: GetTicketQueryParams,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketResponse> {
    const ticket = await this.queries.execute<GetTicketQuery, TicketResponse>(
      new GetTicketQuery(parseTicketId(id), principal.accountId, params.minVersion),
    );
    setVersionHeaders(reply, ticket.version);
    void reply.header('cache-control', 'private, no-cache');
    return ticket;
  }
}
