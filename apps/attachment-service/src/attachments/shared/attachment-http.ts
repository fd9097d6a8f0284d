import type { FastifyRequest } from 'fastify';
import type { Principal } from '@app/platform/auth/principal';
import { ApiError } from '@app/platform/http/api-error';
import type { RequestContext } from '@app/ticket-store';

export function parseId(raw: string, field: string): number {
  const id = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id) || id < 1) {
    throw new ApiError('VALIDATION_FAILED', `The ${field} must be a positive integer.`, {
      errors: [{ field, messages: [`${field} must be a positive integer`] }],
    });
  }
  return id;
}

export const requestContext = (request: FastifyRequest, principal: Principal): RequestContext => ({
  principal,
  requestId: request.id,
});
