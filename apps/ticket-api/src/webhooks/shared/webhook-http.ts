import { parseId } from '@app/platform/http/path-id';
import { ApiError } from '@app/platform/http/api-error';

export const WEBHOOKS_PATH = 'api/webhooks';

export const WEBHOOK_TARGET_POLICY = Symbol('WEBHOOK_TARGET_POLICY');

export const WEBHOOK_LIMITS = Symbol('WEBHOOK_LIMITS');

export interface WebhookLimits {
  readonly maxEndpointsPerAccount: number;
  /** A URL's host that has not resolved by then is refused as unresolvable. */
  readonly lookupTimeoutMs: number;
}

export const REGISTRATION_LOOKUP_TIMEOUT_MS = 5_000;

export const parseWebhookId = (raw: string): number => parseId(raw, 'id');

export const webhookNotFound = (id: number): ApiError =>
  new ApiError('WEBHOOK_NOT_FOUND', `Webhook ${id} was not found.`);

export const webhookLocation = (id: number, accountId: string): string =>
  `/${WEBHOOKS_PATH}/${id}?accountId=${encodeURIComponent(accountId)}`;

export const webhookLimitReached = (max: number): ApiError =>
  new ApiError(
    'WEBHOOK_LIMIT_REACHED',
    `An account can register at most ${max} webhook endpoints; delete one to register another.`,
  );
