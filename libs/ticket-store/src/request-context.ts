import type { Actor, CommandMetadata } from '@app/domain';
import type { Principal } from '@app/platform/auth/principal';
import type { TraceContext } from '@app/platform/tracing/tracing.port';

/** What every command carries from its HTTP request. */
export interface RequestContext {
  readonly principal: Principal;
  readonly requestId: string;
  /** The version the client expects the ticket to be at (If-Match), if any. */
  readonly expectedVersion?: number;
  /** The request's span, parent of the append's; absent when tracing is off. */
  readonly trace?: TraceContext;
}

export const actorOf = (principal: Principal): Actor => ({
  role: principal.role,
  accountId: principal.accountId,
  apiKeyId: principal.apiKeyId,
});

export const commandMetadata = (context: RequestContext, now = new Date()): CommandMetadata => ({
  actor: actorOf(context.principal),
  occurredAt: now.toISOString(),
  correlationId: context.requestId,
});
