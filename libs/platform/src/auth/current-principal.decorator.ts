import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { ApiError } from '../http/api-error';
import type { AuthenticatedRequest } from './api-key.guard';
import type { Principal } from './principal';

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new ApiError('UNAUTHENTICATED', 'The X-API-Key header is required.');
    return principal;
  },
);
