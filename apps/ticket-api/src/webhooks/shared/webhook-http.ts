import { parseId } from '@app/platform/http/path-id';
import { ApiError } from '@app/platform/http/api-error';

export const WEBHOOKS_PATH = 'api/webhooks';

export const WEBHOOK_TARGET_POLICY = Symbol('WEBHOOK_TARGET_POLICY');

export const parseWebhookId = (raw: string): number => parseId(raw, 'id');

export const webhookNotFound = (id: number): ApiError =>
  new ApiError('WEBHOOK_NOT_FOUND', `Webhook ${id} was not found.`);

export const webhookLocation = (id: number, accountId: string): string =>
  `/${WEBHOOKS_PATH}/${id}?accountId=${encodeURIComponent(accountId)}`;
