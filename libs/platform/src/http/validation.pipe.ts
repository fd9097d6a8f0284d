import { ValidationPipe } from '@nestjs/common';
import type { ValidationError } from 'class-validator';
import { ApiError } from './api-error';
import type { FieldError } from './problem-details';

function flatten(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints
      ? [{ field, messages: [...new Set(Object.values(error.constraints))] }]
      : [];
    return [...own, ...flatten(error.children ?? [], field)];
  });
}

/** class-validator DTOs with whitelisting: unknown fields are rejected, every failure is listed by field. */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    stopAtFirstError: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    exceptionFactory: (errors) => {
      const fieldErrors = flatten(errors);
      const detail = fieldErrors.map((e) => e.messages.join('; ')).join('; ');
      return new ApiError('VALIDATION_FAILED', detail || 'The request is not valid.', {
        errors: fieldErrors,
      });
    },
  });
