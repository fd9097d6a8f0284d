import { Controller, Get, Header, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { TicketErrors } from '@app/domain';
import { KeyOnlyRoute } from '@app/platform/auth/api-key.guard';
import type { StoredApiKey } from '@app/platform/auth/api-key.repository';
import { CurrentApiKey } from '@app/platform/auth/current-principal.decorator';
import { queueCursorFromQuery } from '../queue-cursor';
import { queueViewOf } from '../queue-views';
import type { QueuePageResponse } from './read-queue.handler';
import { ReadQueueQuery } from './read-queue.query';
import { ReadQueueQueryParams } from './read-queue.request';

const DEFAULT_PAGE_SIZE = 20;

/** The staff queue across every account: urgent first, then the ticket whose last message is oldest. */
@Controller('api')
export class ReadQueueController {
  constructor(private readonly queries: QueryBus) {}

  @Get('queue')
  @KeyOnlyRoute()
  @Header('cache-control', 'private, no-store')
  read(
    @Query() params: ReadQueueQueryParams,
    @CurrentApiKey() key: StoredApiKey,
  ): Promise<QueuePageResponse> {
    if (key.role !== 'staff') throw TicketErrors.staffOnly('read the queue');
    const query = new ReadQueueQuery(
      queueViewOf(params.view ?? 'open', key.agentId),
      queueCursorFromQuery(params.cursor),
      params.limit ?? DEFAULT_PAGE_SIZE,
    );
    return this.queries.execute<ReadQueueQuery, QueuePageResponse>(query);
  }
}
