export type ActorRole = 'customer' | 'staff';

/** Who caused a change: the role and the account a customer acts for; never the key itself. */
export interface Actor {
  readonly role: ActorRole;
  readonly accountId: string | null;
  readonly apiKeyId: string | null;
}
