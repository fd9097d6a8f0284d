import { createParamDecorator } from '@nestjs/common';
import type { ExecutionContext } from '@nestjs/common';
import { ApiError } from '../http/api-error';
import type { AuthenticatedRequest } from './api-key.guard';
import type { StoredApiKey } from './api-key.repository';
import type { Principal } from './principal';

export const CurrentPrincipal = createParamDecorator(
  (_: unknown, context: ExecutionContext): Principal => {
    const principal = context.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new ApiError('UNAUTHENTICATED', 'The X-API-Key header is required.');
    return principal;
  },
);

/** The caller's key as stored (role, account, prefix), on any authenticated route. */
export const CurrentApiKey = createParamDecorator(
  (_: unknown, context: ExecutionContext): StoredApiKey => {
    const apiKey = context.switchToHttp().getRequest<AuthenticatedRequest>().apiKey;
    if (!apiKey) throw new ApiError('UNAUTHENTICATED', 'The X-API-Key header is required.');
    return apiKey;
  },
);
