import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import type { ActorRole } from '@app/domain';
import type { AuthenticatedRequest } from '@app/platform/auth/api-key.guard';
import { ApiError } from '@app/platform/http/api-error';
import type { RequestContext } from '@app/ticket-store';
import { parseTicketId } from './ticket-http';
import { requestContext } from './ticket-request';

/** The ticket a command route acts on and who asks: the path's id, the caller, If-Match. */
export interface TicketTarget {
  readonly ticketId: number;
  readonly context: RequestContext;
}

/** The ticket a query route reads and the account it reads for. */
export interface TicketReadTarget {
  readonly ticketId: number;
  readonly accountId: string;
  /** Whose view: a customer's leaves out every staff-only event and note (ticket-visibility). */
  readonly reader: ActorRole;
}

function targetOf(execution: ExecutionContext) {
  const request = execution.switchToHttp().getRequest<AuthenticatedRequest>();
  if (!request.principal) {
    throw new ApiError('UNAUTHENTICATED', 'The X-API-Key header is required.');
  }
  const { id } = request.params as { id: string };
  return { request, principal: request.principal, ticketId: parseTicketId(id) };
}

export const CommandTarget = createParamDecorator(
  (_: unknown, execution: ExecutionContext): TicketTarget => {
    const { request, principal, ticketId } = targetOf(execution);
    return { ticketId, context: requestContext(request, principal) };
  },
);

export const ReadTarget = createParamDecorator(
  (_: unknown, execution: ExecutionContext): TicketReadTarget => {
    const { principal, ticketId } = targetOf(execution);
    return { ticketId, accountId: principal.accountId, reader: principal.role };
  },
);
