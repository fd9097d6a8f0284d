import { Controller, Get, Query, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import type { FastifyReply } from 'fastify';
import type { TicketEventType } from '@app/domain';
import { decodeFeedCursor, FEED_START } from '@app/event-feed';
import type { FeedPage } from '@app/event-feed';
import { ALL_ACCOUNTS, AllAccountsRoute } from '@app/platform/auth/api-key.guard';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { ApiError } from '@app/platform/http/api-error';
import { ReadFeedQuery } from './read-feed.query';
import { ReadFeedQueryParams } from './read-feed.request';

const DEFAULT_PAGE_SIZE = 100;

@Controller('api/events')
export class ReadFeedController {
  constructor(private readonly queries: QueryBus) {}

  @Get()
  @AllAccountsRoute()
  async read(
    @Query() params: ReadFeedQueryParams,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FeedPage> {
    const page = await this.queries.execute<ReadFeedQuery, FeedPage>(
      new ReadFeedQuery(
        principal.apiKeyId,
        principal.accountId === ALL_ACCOUNTS ? null : principal.accountId,
        startOf(params.after),
        params.limit ?? DEFAULT_PAGE_SIZE,
        params.types ? (params.types.split(',') as TicketEventType[]) : null,
        (params.wait ?? 0) * 1000,
        principal.role,
      ),
    );
    void reply.header('cache-control', 'no-store');
    return page;
  }
}

function startOf(after: string | undefined): ReadFeedQuery['after'] {
  if (after === undefined) return FEED_START;
  if (after === 'now') return 'now';
  const position = decodeFeedCursor(after);
  if (!position) {
    throw new ApiError('VALIDATION_FAILED', 'after is not valid', {
      errors: [{ field: 'after', messages: ['after is not a cursor this feed returned'] }],
    });
  }
  return position;
}
