import { Inject, Injectable } from '@nestjs/common';
import type { CanActivate, ExecutionContext } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { ApiError } from '../http/api-error';
import type { RateLimitDecision, RateLimiter } from './rate-limit';

export const RATE_LIMITER = Symbol('RATE_LIMITER');

const headersOf = (decision: RateLimitDecision): Record<string, string> => ({
  'ratelimit-limit': String(decision.limit),
  'ratelimit-remaining': String(decision.remaining),
  'ratelimit-reset': String(decision.resetSeconds),
});

/** Runs after ApiKeyGuard: every authenticated request takes a token from its key's bucket. */
@Injectable()
export class RateLimitGuard implements CanActivate {
  constructor(@Inject(RATE_LIMITER) private readonly limiter: RateLimiter | null) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (!this.limiter || !request.principal) return true;
    const decision = await this.limiter.take(request.principal.apiKeyId);
    if (!decision.allowed) {
      throw new ApiError('RATE_LIMITED', 'Too many requests for this API key; retry later.', {
        headers: { ...headersOf(decision), 'retry-after': String(decision.retryAfterSeconds) },
      });
    }
    void context.switchToHttp().getResponse<FastifyReply>().headers(headersOf(decision));
    return true;
  }
}
