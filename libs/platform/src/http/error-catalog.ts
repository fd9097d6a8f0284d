import type { ApiErrorCode } from './api-error';

export interface ProblemKind {
  readonly status: number;
  readonly title: string;
}

/** Codes that share a status, with their titles, as catalog entries. */
export const withStatus = <Code extends string>(
  status: number,
  titles: Record<Code, string>,
): Record<Code, ProblemKind> =>
  Object.fromEntries(
    Object.entries<string>(titles).map(([code, title]) => [code, { status, title }]),
  ) as Record<Code, ProblemKind>;

/** Every API error code and its HTTP meaning; a code without an entry fails to compile. */
export const ERROR_CATALOG: Readonly<Record<ApiErrorCode, ProblemKind>> = {
  UNAUTHENTICATED: { status: 401, title: 'Unauthenticated' },
  ACCOUNT_FORBIDDEN: { status: 403, title: 'Forbidden' },
  VALIDATION_FAILED: { status: 400, title: 'Validation failed' },
  MALFORMED_BODY: { status: 400, title: 'Malformed request body' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  ROUTE_NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  FILE_TOO_LARGE: { status: 400, title: 'File too large' },
  ATTACHMENT_NOT_FOUND: { status: 404, title: 'Attachment not found' },
  ATTACHMENT_ERASED: { status: 410, title: 'Attachment erased' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency key reused' },
  IDEMPOTENCY_KEY_IN_PROGRESS: { status: 409, title: 'Request in progress' },
  PRECONDITION_FAILED: { status: 412, title: 'Precondition failed' },
  CONCURRENCY_CONFLICT: { status: 409, title: 'Concurrent modification' },
  TOO_MANY_UPLOADS: { status: 503, title: 'Too many uploads' },
  RANGE_NOT_SATISFIABLE: { status: 416, title: 'Range not satisfiable' },
  READ_MODEL_BEHIND: { status: 503, title: 'Read model behind' },
  MIN_VERSION_AHEAD: { status: 409, title: 'Version not reached' },
  TOO_MANY_WAITS: { status: 429, title: 'Too many waiting requests' },
  WAIT_CAPACITY_REACHED: { status: 503, title: 'Too many waiting requests on this instance' },
  RATE_LIMITED: { status: 429, title: 'Too many requests' },
  TICKET_BUSY: { status: 503, title: 'Ticket busy' },
  WEBHOOK_NOT_FOUND: { status: 404, title: 'Webhook not found' },
  AGENT_NOT_FOUND: { status: 404, title: 'Agent not found' },
  DELIVERY_NOT_FOUND: { status: 404, title: 'Delivery not found' },
  WEBHOOK_TARGET_REFUSED: { status: 400, title: 'Webhook target refused' },
  WEBHOOK_LIMIT_REACHED: { status: 409, title: 'Webhook limit reached' },
  SERVICE_UNAVAILABLE: { status: 503, title: 'Service unavailable' },
  INTERNAL: { status: 500, title: 'Internal server error' },
};

/** An error of a feature as a problem: its code, what the catalog says of it, and the response's extras. */
export interface MappedProblem {
  readonly code: string;
  readonly kind: ProblemKind;
  readonly detail: string;
  readonly headers?: Record<string, string>;
}

/** How a feature's typed errors become problems; undefined for an error that is not the feature's. */
export type ErrorMapper = (exception: unknown) => MappedProblem | undefined;
