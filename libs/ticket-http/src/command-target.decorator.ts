import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
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

export const CommandTarget = createParamDecorator(
  (_: unknown, execution: ExecutionContext): TicketTarget => {
    const request = execution.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!request.principal) {
      throw new ApiError('UNAUTHENTICATED', 'The X-API-Key header is required.');
    }
    const { id } = request.params as { id: string };
    return {
      ticketId: parseTicketId(id),
      context: requestContext(request, request.principal),
    };
  },
);
