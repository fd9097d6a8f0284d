import { TicketError } from '@app/domain';
import type { TicketErrorCode } from '@app/domain';
import { ERROR_CATALOG, withStatus } from '@app/platform/http/error-catalog';
import type { ErrorMapper, MappedProblem, ProblemKind } from '@app/platform/http/error-catalog';
import { ConcurrencyConflictError, TicketBusyError, VersionMismatchError } from '@app/ticket-store';
import { versionEtag } from './ticket-request';

/** Every ticket rule's error code and its HTTP meaning; a code without an entry fails to compile. */
export const TICKET_ERROR_CATALOG: Readonly<Record<TicketErrorCode, ProblemKind>> = {
  ...withStatus(400, {
    TICKET_CLOSED: 'Ticket is closed',
    TICKET_ALREADY_CLOSED: 'Ticket is already closed',
    MESSAGE_REQUIRED: 'Message is required',
    NOTE_REQUIRED: 'Note is required',
    INVALID_PRIORITY: 'Invalid priority',
  }),
  ...withStatus(403, { ROLE_NOT_ALLOWED: 'Forbidden' }),
  ...withStatus(404, {
    TICKET_NOT_FOUND: 'Ticket not found',
    MESSAGE_NOT_FOUND: 'Message not found',
    NOTE_NOT_FOUND: 'Note not found',
  }),
  // the ticket's state refuses the command
  ...withStatus(409, {
    TICKET_ALREADY_EXISTS: 'Ticket already exists',
    INVALID_STATUS_TRANSITION: 'Invalid status transition',
    MESSAGE_LIMIT_REACHED: 'Message limit reached',
    ATTACHMENT_LIMIT_REACHED: 'Attachment limit reached',
    NOTE_LIMIT_REACHED: 'Note limit reached',
    // never answered: the command runner gives such a reply a new id first
    MESSAGE_ID_OUT_OF_ORDER: 'Message id out of order',
  }),
};

/** What the ticket routes can answer with: the API's errors and the ticket's. */
export const TICKET_ROUTES_CATALOG = { ...ERROR_CATALOG, ...TICKET_ERROR_CATALOG };

/** A ticket rule broken, an If-Match the ticket moved past, or appends that kept colliding. */
export const ticketErrorMapper: ErrorMapper = (exception): MappedProblem | undefined => {
  if (exception instanceof TicketError) {
    return {
      code: exception.code,
      kind: TICKET_ERROR_CATALOG[exception.code],
      detail: exception.message,
    };
  }
  if (exception instanceof VersionMismatchError) {
    return {
      code: 'PRECONDITION_FAILED',
      kind: ERROR_CATALOG.PRECONDITION_FAILED,
      detail: exception.message,
      headers: { etag: versionEtag(exception.actualVersion) },
    };
  }
  if (exception instanceof TicketBusyError) {
    return {
      code: 'TICKET_BUSY',
      kind: ERROR_CATALOG.TICKET_BUSY,
      detail: exception.message,
      headers: { 'retry-after': '1' },
    };
  }
  if (exception instanceof ConcurrencyConflictError) {
    return {
      code: 'CONCURRENCY_CONFLICT',
      kind: ERROR_CATALOG.CONCURRENCY_CONFLICT,
      detail: exception.message,
    };
  }
  return undefined;
};
