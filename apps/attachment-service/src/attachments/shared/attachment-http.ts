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

const IF_MATCH = /^(?:W\/)?"(\d+)"$/;
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,255}$/;

/** If-Match: "<version>", as ticket-api reads it; absent or * asks for no particular version. */
function expectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header === '*') return undefined;
  const match = IF_MATCH.exec(header.trim());
  if (!match) throw new ApiError('VALIDATION_FAILED', 'If-Match must be an ETag such as "3".');
  return Number(match[1]);
}

export const requestContext = (request: FastifyRequest, principal: Principal): RequestContext => ({
  principal,
  requestId: request.id,
  expectedVersion: expectedVersion(request),
});

/** The Idempotency-Key header, in the format ticket-api accepts, or undefined when none was sent. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ApiError(
      'VALIDATION_FAILED',
      'Idempotency-Key must be 1-255 visible ASCII characters.',
    );
  }
  return key;
}
