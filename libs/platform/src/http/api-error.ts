import type { FieldError } from './problem-details';

export const API_ERROR_CODES = [
  'UNAUTHENTICATED',
  'ACCOUNT_FORBIDDEN',
  'VALIDATION_FAILED',
  'MALFORMED_BODY',
  'UNSUPPORTED_MEDIA_TYPE',
  'ROUTE_NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'PAYLOAD_TOO_LARGE',
  'FILE_TOO_LARGE',
  'ATTACHMENT_NOT_FOUND',
  'ATTACHMENT_ERASED',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_PROGRESS',
  'PRECONDITION_FAILED',
  'CONCURRENCY_CONFLICT',
  'TOO_MANY_UPLOADS',
  'RANGE_NOT_SATISFIABLE',
  'READ_MODEL_BEHIND',
  'MIN_VERSION_AHEAD',
  'TOO_MANY_WAITS',
  'WAIT_CAPACITY_REACHED',
  'RATE_LIMITED',
  'TICKET_BUSY',
  'WEBHOOK_NOT_FOUND',
  'AGENT_NOT_FOUND',
  'DELIVERY_NOT_FOUND',
  'WEBHOOK_TARGET_REFUSED',
  'WEBHOOK_LIMIT_REACHED',
  'SERVICE_UNAVAILABLE',
  'INTERNAL',
] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** An error of the API layer (auth, validation, protocol); domain errors are TicketError. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly extras: { errors?: FieldError[]; headers?: Record<string, string> } = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
