import { applyDecorators, SetMetadata, UseInterceptors } from '@nestjs/common';
import { IDEMPOTENT_RECORDED, IdempotencyInterceptor } from './idempotency.interceptor';

export interface IdempotentOptions {
  /**
   * What of the first answer is stored and replayed (default: all of it): a response that carries a
   * secret shown once keeps it out of the idempotency record.
   */
  readonly recorded?: (body: unknown) => unknown;
}

/** Marks a POST route as safe to retry with an Idempotency-Key (reads skip the interceptor chain entirely). */
export const Idempotent = (options: IdempotentOptions = {}): MethodDecorator & ClassDecorator =>
  applyDecorators(
    SetMetadata(IDEMPOTENT_RECORDED, options.recorded),
    UseInterceptors(IdempotencyInterceptor),
  );
