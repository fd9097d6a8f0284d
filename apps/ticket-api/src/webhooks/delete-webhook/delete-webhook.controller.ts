import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { PgWebhookStore } from '@app/webhooks';
import { parseWebhookId, webhookNotFound, WEBHOOKS_PATH } from '../shared/webhook-http';

@Controller(WEBHOOKS_PATH)
export class DeleteWebhookController {
  constructor(private readonly webhooks: PgWebhookStore) {}

  /** Stops deliveries at once; its delivery log goes with it. */
  @Delete(':id')
  @HttpCode(204)
  async remove(
    @Param('id') rawId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<void> {
    const id = parseWebhookId(rawId);
    if (!(await this.webhooks.remove(principal.accountId, id))) throw webhookNotFound(id);
  }
}
