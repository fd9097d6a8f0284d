import { ApiError } from '../http/api-error';

export const idempotencyKeyReused = (): ApiError =>
  new ApiError(
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was already used with a different request.',
  );

export const idempotencyKeyInProgress = (): ApiError =>
  new ApiError(
    'IDEMPOTENCY_KEY_IN_PROGRESS',
    'A request with this Idempotency-Key is still being processed; retry later.',
    { headers: { 'retry-after': '1' } },
  );
