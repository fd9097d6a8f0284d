import { TicketErrors } from '@app/domain';
import { ApiError } from '@app/platform/http/api-error';
import { ConcurrencyConflictError, VersionMismatchError } from '@app/ticket-store';
import { ticketErrorMapper } from './ticket-errors.http';

describe('ticketErrorMapper', () => {
  it('answers a broken ticket rule with its code and the status the catalog gives it', () => {
    expect(ticketErrorMapper(TicketErrors.notFound(7))).toEqual({
      code: 'TICKET_NOT_FOUND',
      kind: { status: 404, title: 'Ticket not found' },
      detail: 'Ticket 7 was not found.',
    });
  });

  it('answers an If-Match the ticket moved past with 412 and the current version as ETag', () => {
    expect(ticketErrorMapper(new VersionMismatchError(5, 3))).toEqual({
      code: 'PRECONDITION_FAILED',
      kind: { status: 412, title: 'Precondition failed' },
      detail: 'The ticket is at version 5, not 3.',
      headers: { etag: '"5"' },
    });
  });

  it('answers appends that kept colliding with 409', () => {
    expect(ticketErrorMapper(new ConcurrencyConflictError())).toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      kind: { status: 409 },
    });
  });

  it('leaves errors that are not the ticket routes’ own to the API catalog', () => {
    expect(ticketErrorMapper(new ApiError('VALIDATION_FAILED', 'no'))).toBeUndefined();
    expect(ticketErrorMapper(new Error('boom'))).toBeUndefined();
  });
});
