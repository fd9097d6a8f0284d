import type { Actor, ActorRole } from '@app/domain';

/** Who is calling: resolved from the X-API-Key header, and the account the request acts for. */
export interface Principal {
  readonly apiKeyId: string;
  readonly role: ActorRole;
  /** The key's own account; null for staff keys, which act for every account. */
  readonly keyAccountId: string | null;
  readonly accountId: string;
}

export const actorOf = (principal: Principal): Actor => ({
  role: principal.role,
  accountId: principal.accountId,
  apiKeyId: principal.apiKeyId,
});
