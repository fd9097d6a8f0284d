/** What an API key may do: a customer acts for its own account, staff for every account. */
export type KeyRole = 'customer' | 'staff';

/** Who is calling: resolved from the X-API-Key header, and the account the request acts for. */
export interface Principal {
  readonly apiKeyId: string;
  readonly role: KeyRole;
  /** The key's own account; null for staff keys, which act for every account. */
  readonly keyAccountId: string | null;
  readonly accountId: string;
}
