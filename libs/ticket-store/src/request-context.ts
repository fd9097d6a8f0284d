import type { CommandMetadata } from '@app/domain';
import type { Principal } from '@app/platform/auth/principal';
import { actorOf } from '@app/platform/auth/principal';

/** What every command carries from its HTTP request. */
export interface RequestContext {
  readonly principal: Principal;
  readonly requestId: string;
  /** The version the client expects the ticket to be at (If-Match), if any. */
  readonly expectedVersion?: number;
}

export const commandMetadata = (context: RequestContext, now = new Date()): CommandMetadata => ({
  actor: actorOf(context.principal),
  occurredAt: now.toISOString(),
  correlationId: context.requestId,
});
