import type { KeyRole } from './principal';

export interface StoredApiKey {
  readonly id: string;
  readonly keyPrefix: string;
  readonly role: KeyRole;
  readonly accountId: string | null;
  /** The agent a staff key belongs to; null for customer keys and staff keys without one. */
  readonly agentId: number | null;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
}

export const API_KEY_REPOSITORY = Symbol('API_KEY_REPOSITORY');

export interface ApiKeyRepository {
  create(
    key: string,
    role: KeyRole,
    accountId: string | null,
    agentId?: number | null,
  ): Promise<StoredApiKey>;
  findActiveByKey(key: string): Promise<StoredApiKey | null>;
  list(): Promise<StoredApiKey[]>;
  /**
   * Revokes the one active key with this id or display prefix; returns how many active keys match, and revokes
   * nothing unless exactly one does (a 10-character prefix can be shared).
   */
  revoke(idOrPrefix: string): Promise<number>;
}
