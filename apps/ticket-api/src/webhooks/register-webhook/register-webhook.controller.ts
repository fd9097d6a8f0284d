import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { Idempotent } from '@app/platform/idempotency/idempotent.decorator';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal } from '@app/platform/auth/current-principal.decorator';
import type { Principal } from '@app/platform/auth/principal';
import { ApiError } from '@app/platform/http/api-error';
import {
  generateWebhookSecret,
  PgWebhookStore,
  resolveTarget,
  TargetRefusedError,
} from '@app/webhooks';
import type { TargetPolicy, WebhookEndpointView } from '@app/webhooks';
import {
  WEBHOOK_LIMITS,
  WEBHOOK_TARGET_POLICY,
  webhookLimitReached,
  WEBHOOKS_PATH,
  webhookLocation,
} from '../shared/webhook-http';
import type { WebhookLimits } from '../shared/webhook-http';
import { RegisterWebhookRequest } from './register-webhook.request';

/** `secret` is null in an Idempotency-Key replay: the secret is shown in the first answer only. */
export type RegisteredWebhook = WebhookEndpointView & { secret: string | null };

/** What the idempotency record keeps of a registration: everything but the secret. */
export const withoutSecret = (body: unknown): unknown => ({
  ...(body as RegisteredWebhook),
  secret: null,
});

@Controller(WEBHOOKS_PATH)
export class RegisterWebhookController {
  constructor(
    private readonly webhooks: PgWebhookStore,
    @Inject(WEBHOOK_TARGET_POLICY) private readonly policy: TargetPolicy,
    @Inject(WEBHOOK_LIMITS) private readonly limits: WebhookLimits,
  ) {}

  /** The secret is in this response only. */
  @Idempotent({ recorded: withoutSecret })
  @Post()
  @HttpCode(201)
  async register(
    @Body() body: RegisterWebhookRequest,
    @CurrentPrincipal() principal: Principal,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<RegisteredWebhook> {
    await this.checkTarget(body.url);
    const secret = generateWebhookSecret();
    const endpoint = await this.webhooks.register(
      {
        accountId: principal.accountId,
        url: body.url,
        secret,
        eventTypes: body.eventTypes ?? null,
      },
      this.limits.maxEndpointsPerAccount,
    );
    if (!endpoint) throw webhookLimitReached(this.limits.maxEndpointsPerAccount);
    void reply.header('location', webhookLocation(endpoint.id, principal.accountId));
    return { ...endpoint, secret };
  }

  private async checkTarget(url: string): Promise<void> {
    const deadline = AbortSignal.timeout(this.limits.lookupTimeoutMs);
    try {
      await resolveTarget(url, this.policy, deadline).catch((error: unknown) => {
        if (!deadline.aborted) throw error;
        throw new TargetRefusedError(new URL(url).hostname, 'unresolvable');
      });
    } catch (error) {
      if (!(error instanceof TargetRefusedError)) throw error;
      throw new ApiError(
        'WEBHOOK_TARGET_REFUSED',
        `The webhook URL must reach a public address; ${error.host} is refused (${error.kind}).`,
        { errors: [{ field: 'url', messages: [`${error.host} is refused (${error.kind})`] }] },
      );
    }
  }
}
