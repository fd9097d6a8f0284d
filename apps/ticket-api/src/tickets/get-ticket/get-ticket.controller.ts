import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { ApiError } from '@app/platform/http/api-error';
import { parseTicketId, setVersionHeaders } from '@app/ticket-http';
import type { TicketResponse } from '@app/read-model';
import { GetTicketAsOfQuery } from './get-ticket-as-of.query';
import { GetTicketQuery } from './get-ticket.query';
import { GetTicketQueryParams, parseInstant } from './get-ticket.request';

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
    const ticketId = parseTicketId(id);
    const ticket =
      params.asOf === undefined
        ? await this.queries.execute<GetTicketQuery, TicketResponse>(
            new GetTicketQuery(ticketId, principal.accountId, params.minVersion),
          )
        : await this.queries.execute<GetTicketAsOfQuery, TicketResponse>(
            new GetTicketAsOfQuery(ticketId, principal.accountId, asOfInstant(params)),
          );
    setVersionHeaders(reply, ticket.version);
    void reply.header('cache-control', 'private, no-cache');
    return ticket;
  }
}

function asOfInstant({ asOf, minVersion }: GetTicketQueryParams): Date {
  if (minVersion !== undefined) {
    throw new ApiError('VALIDATION_FAILED', 'asOf and minVersion cannot be combined.', {
      errors: [{ field: 'asOf', messages: ['asOf and minVersion cannot be combined'] }],
    });
  }
  // validated by the request DTO
  return parseInstant(asOf!)!;
}
