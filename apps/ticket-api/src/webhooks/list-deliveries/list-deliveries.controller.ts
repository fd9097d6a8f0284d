import { Controller, Get, Param, Query } from '@nestjs/common';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { PgWebhookStore } from '@app/webhooks';
import type { DeliveryView } from '@app/webhooks';
import { deliveryCursor } from '../../tickets/shared/page-cursor';
import { PageQueryParams } from '../../tickets/shared/page-query.params';
import { parseWebhookId, webhookNotFound, WEBHOOKS_PATH } from '../shared/webhook-http';

const DEFAULT_PAGE_SIZE = 20;

/** The delivery log of an endpoint, newest first. */
@Controller(WEBHOOKS_PATH)
export class ListDeliveriesController {
  constructor(private readonly webhooks: PgWebhookStore) {}

  @Get(':id/deliveries')
  async list(
    @Param('id') rawId: string,
    @Query() params: PageQueryParams,
    @CurrentPrincipal() principal: Principal,
  ): Promise<{ items: DeliveryView[]; nextCursor: string | null }> {
    const id = parseWebhookId(rawId);
    const beforeId = deliveryCursor.fromQuery(params.cursor, null);
    if (!(await this.webhooks.exists(principal.accountId, id))) throw webhookNotFound(id);
    const limit = params.limit ?? DEFAULT_PAGE_SIZE;
    const items = await this.webhooks.deliveries(principal.accountId, id, beforeId, limit);
    const last = items[items.length - 1];
    return { items, nextCursor: items.length === limit ? deliveryCursor.encode(last.id) : null };
  }
}
