import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-error';

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/** The Idempotency-Key header, or undefined when none was sent; a malformed one is a 400. */
export function idempotencyKeyOf(request: FastifyRequest): string | undefined {
  const header = request.headers['idempotency-key'];
  if (header === undefined) return undefined;
  const key = Array.isArray(header) ? header[0] : header;
  if (!KEY_FORMAT.test(key)) {
    throw new ApiError(
      'VALIDATION_FAILED',
      'Idempotency-Key must be 1-255 visible ASCII characters.',
    );
  }
  return key;
}
