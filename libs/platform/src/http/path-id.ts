import { ApiError } from './api-error';

/** A positive integer id from a path segment, or a 400 naming the field. */
export function parseId(raw: string, field: string): number {
  const id = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id) || id < 1) {
    throw new ApiError('VALIDATION_FAILED', `The ${field} must be a positive integer.`, {
      errors: [{ field, messages: [`${field} must be a positive integer`] }],
    });
  }
  return id;
}
