import { Controller, Get } from '@nestjs/common';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { PgWebhookStore } from '@app/webhooks';
import type { WebhookEndpointView } from '@app/webhooks';
import { WEBHOOKS_PATH } from '../shared/webhook-http';

@Controller(WEBHOOKS_PATH)
export class ListWebhooksController {
  constructor(private readonly webhooks: PgWebhookStore) {}

  @Get()
  async list(@CurrentPrincipal() principal: Principal): Promise<{ items: WebhookEndpointView[] }> {
    return { items: await this.webhooks.list(principal.accountId) };
  }
}
