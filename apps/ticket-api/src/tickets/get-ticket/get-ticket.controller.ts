import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { ApiError } from '@app/platform/http/api-error';
import { ReadTarget, setVersionHeaders } from '@app/ticket-http';
import type { TicketReadTarget } from '@app/ticket-http';
import type { TicketResponse } from '@app/read-model';
import { GetTicketAsOfQuery } from './get-ticket-as-of.query';
import { GetTicketQuery } from './get-ticket.query';
import { GetTicketQueryParams, parseInstant } from './get-ticket.request';

@Controller('api/Ticket')
export class GetTicketController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  async get(
    @Query() params: GetTicketQueryParams,
    @ReadTarget() { ticketId, accountId }: TicketReadTarget,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TicketResponse> {
    const ticket =
      params.asOf === undefined
        ? await this.queries.execute<GetTicketQuery, TicketResponse>(
            new GetTicketQuery(ticketId, accountId, params.minVersion),
          )
        : await this.queries.execute<GetTicketAsOfQuery, TicketResponse>(
            new GetTicketAsOfQuery(ticketId, accountId, asOfInstant(params)),
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
