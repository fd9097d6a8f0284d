import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { Idempotent } from '@app/platform/idempotency/idempotent.decorator';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { ApiError } from '@app/platform/http/api-error';
import { parseId } from '@app/platform/http/path-id';
import { PgWebhookStore } from '@app/webhooks';
import type { DeliveryView } from '@app/webhooks';
import { parseWebhookId, WEBHOOKS_PATH } from '../shared/webhook-http';

/** Sends a delivery again, whatever its status, and re-enables its endpoint if it was disabled. */
@Controller(WEBHOOKS_PATH)
export class RedeliverController {
  constructor(private readonly webhooks: PgWebhookStore) {}

  @Idempotent()
  @Post(':id/deliveries/:deliveryId/redeliver')
  @HttpCode(202)
  async redeliver(
    @Param('id') rawId: string,
    @Param('deliveryId') rawDeliveryId: string,
    @CurrentPrincipal() principal: Principal,
  ): Promise<DeliveryView> {
    const id = parseWebhookId(rawId);
    const deliveryId = parseId(rawDeliveryId, 'deliveryId');
    const delivery = await this.webhooks.redeliver(principal.accountId, id, deliveryId);
    if (!delivery) {
      throw new ApiError(
        'DELIVERY_NOT_FOUND',
        `Delivery ${deliveryId} of webhook ${id} was not found.`,
      );
    }
    return delivery;
  }
}
