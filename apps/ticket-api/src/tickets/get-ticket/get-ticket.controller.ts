import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { ApiError } from '@app/platform/http/api-error';
import { forReader } from '@app/read-model';
import type { TicketResponse } from '@app/read-model';
import { knownVersions, ReadTarget, setVersionHeaders } from '@app/ticket-http';
import type { TicketReadTarget } from '@app/ticket-http';
import { GetTicketAsOfQuery } from './get-ticket-as-of.query';
import { GetTicketQuery } from './get-ticket.query';
import type { TicketLookup } from './get-ticket.query';
import { GetTicketQueryParams, parseInstant } from './get-ticket.request';

@Controller('api/Ticket')
export class GetTicketController {
  constructor(private readonly queries: QueryBus) {}

  @Get(':id')
  async get(
    @Query() params: GetTicketQueryParams,
    @ReadTarget() { ticketId, accountId, reader }: TicketReadTarget,
    @CurrentPrincipal() principal: Principal,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() reply: FastifyReply,
  ): Promise<void> {
    const lookup =
      params.asOf === undefined
        ? await this.queries.execute<GetTicketQuery, TicketLookup>(
            new GetTicketQuery(
              ticketId,
              accountId,
              reader,
              principal.apiKeyId,
              params.minVersion,
              knownVersions(ifNoneMatch),
            ),
          )
        : {
            ticket: await this.queries.execute<GetTicketAsOfQuery, TicketResponse>(
              new GetTicketAsOfQuery(ticketId, accountId, asOfInstant(params), reader),
            ),
          };
    if ('unchangedAt' in lookup) {
      setVersionHeaders(reply, lookup.unchangedAt);
      void reply.status(304).send();
      return;
    }
    setVersionHeaders(reply, lookup.ticket.version);
    void reply.send(forReader(lookup.ticket, principal.role));
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
