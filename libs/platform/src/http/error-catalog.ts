import type { TicketErrorCode } from '@app/domain';
import type { ApiErrorCode } from './api-error';

interface ProblemKind {
  readonly status: number;
  readonly title: string;
}

/** Every error code and its HTTP meaning; a code without an entry fails to compile. */
export const ERROR_CATALOG: Readonly<Record<ApiErrorCode | TicketErrorCode, ProblemKind>> = {
  UNAUTHENTICATED: { status: 401, title: 'Unauthenticated' },
  ACCOUNT_FORBIDDEN: { status: 403, title: 'Forbidden' },
  ROLE_NOT_ALLOWED: { status: 403, title: 'Forbidden' },
  VALIDATION_FAILED: { status: 400, title: 'Validation failed' },
  MALFORMED_BODY: { status: 400, title: 'Malformed request body' },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: 'Unsupported media type' },
  ROUTE_NOT_FOUND: { status: 404, title: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, title: 'Method not allowed' },
  PAYLOAD_TOO_LARGE: { status: 413, title: 'Payload too large' },
  FILE_TOO_LARGE: { status: 400, title: 'File too large' },
  ATTACHMENT_NOT_FOUND: { status: 404, title: 'Attachment not found' },
  IDEMPOTENCY_KEY_REUSED: { status: 422, title: 'Idempotency key reused' },
  IDEMPOTENCY_KEY_IN_PROGRESS: { status: 409, title: 'Request in progress' },
  PRECONDITION_FAILED: { status: 412, title: 'Precondition failed' },
  CONCURRENCY_CONFLICT: { status: 409, title: 'Concurrent modification' },
  TOO_MANY_UPLOADS: { status: 503, title: 'Too many uploads' },
  RANGE_NOT_SATISFIABLE: { status: 416, title: 'Range not satisfiable' },
  READ_MODEL_BEHIND: { status: 503, title: 'Read model behind' },
  TICKET_BUSY: { status: 503, title: 'Ticket busy' },
  WEBHOOK_NOT_FOUND: { status: 404, title: 'Webhook not found' },
  DELIVERY_NOT_FOUND: { status: 404, title: 'Delivery not found' },
  WEBHOOK_TARGET_REFUSED: { status: 400, title: 'Webhook target refused' },
  INTERNAL: { status: 500, title: 'Internal server error' },
  TICKET_NOT_FOUND: { status: 404, title: 'Ticket not found' },
  TICKET_ALREADY_EXISTS: { status: 409, title: 'Ticket already exists' },
  TICKET_CLOSED: { status: 400, title: 'Ticket is closed' },
  TICKET_ALREADY_CLOSED: { status: 400, title: 'Ticket is already closed' },
  MESSAGE_REQUIRED: { status: 400, title: 'Message is required' },
  MESSAGE_NOT_FOUND: { status: 404, title: 'Message not found' },
  INVALID_STATUS_TRANSITION: { status: 409, title: 'Invalid status transition' },
  MESSAGE_LIMIT_REACHED: { status: 409, title: 'Message limit reached' },
  ATTACHMENT_LIMIT_REACHED: { status: 409, title: 'Attachment limit reached' },
};
