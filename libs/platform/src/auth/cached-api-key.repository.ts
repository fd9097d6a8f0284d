import type { Client } from 'pg';
import { listenOn } from '../db/listen-connection';

import { hashApiKey } from './api-key';
import type { ApiKeyRepository, StoredApiKey } from './api-key.repository';
import type { KeyRole } from './principal';

/**
 * Notified by the api_keys trigger at the commit of any change, creation included (migrations 012 and 016), with
 * the key's hash in hex.
 */
export const API_KEY_CHANGED_CHANNEL = 'api_key_changed';
const MAX_CACHED_KEYS = 10_000;
/** Unknown keys remembered at most, and for how long: a key sent again and again costs one query per TTL. */
export const MAX_UNKNOWN_KEYS = 10_000;
export const UNKNOWN_KEY_TTL_MS = 5_000;

/**
 * Active keys cached per process, dropped at the commit of any change to the key (LISTEN/NOTIFY), so a revoked
 * key is refused on its next request by every instance. Unknown keys are remembered for a few seconds, and
 * forgotten at the commit of their creation. While not listening, every lookup goes to the store.
 */
export class CachedApiKeyRepository implements ApiKeyRepository {
  private readonly active = new Map<string, StoredApiKey>();
  /** Hash -> when the miss expires (ms since the epoch); oldest first, as a Map keeps insertion order. */
  private readonly unknown = new Map<string, number>();
  /** Bumped by every invalidation: a lookup that raced one does not cache what it read. */
  private generation = 0;
  private client?: Client;
  private connecting?: Promise<void>;
  private closed = false;

  constructor(
    private readonly store: ApiKeyRepository,
    private readonly connectionString: string,
    private readonly now: () => number = Date.now,
  ) {}

  /** Starts listening; lookups bypass the cache until it is done. */
  listen(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
    this.forget(undefined);
  }

  async findActiveByKey(key: string): Promise<StoredApiKey | null> {
    if (!this.client) {
      this.listen().catch(() => undefined);
      return this.store.findActiveByKey(key);
    }
    const hash = hashApiKey(key).toString('hex');
    const cached = this.active.get(hash);
    if (cached) return cached;
    if (this.isKnownUnknown(hash)) return null;
    const generation = this.generation;
    const found = await this.store.findActiveByKey(key);
    if (this.client && generation === this.generation) {
      if (found) this.remember(hash, found);
      else this.rememberUnknown(hash);
    }
    return found;
  }

  create(
    key: string,
    role: KeyRole,
    accountId: string | null,
    agentId: number | null = null,
  ): Promise<StoredApiKey> {
    return this.store.create(key, role, accountId, agentId);
  }

  list(): Promise<StoredApiKey[]> {
    return this.store.list();
  }

  revoke(idOrPrefix: string): Promise<number> {
    return this.store.revoke(idOrPrefix);
  }

  private remember(hash: string, key: StoredApiKey): void {
    if (this.active.size >= MAX_CACHED_KEYS) this.active.clear();
    this.active.set(hash, key);
  }

  private isKnownUnknown(hash: string): boolean {
    const expires = this.unknown.get(hash);
    if (expires === undefined) return false;
    if (expires > this.now()) return true;
    this.unknown.delete(hash);
    return false;
  }

  private rememberUnknown(hash: string): void {
    this.unknown.delete(hash);
    if (this.unknown.size >= MAX_UNKNOWN_KEYS) {
      this.unknown.delete(this.unknown.keys().next().value!);
    }
    this.unknown.set(hash, this.now() + UNKNOWN_KEY_TTL_MS);
  }

  /** One key's entries, or all of them (undefined) when notifications may have been missed. */
  private forget(hash: string | undefined): void {
    this.generation += 1;
    if (hash === undefined) {
      this.active.clear();
      this.unknown.clear();
    } else {
      this.active.delete(hash);
      this.unknown.delete(hash);
    }
  }

  private async connect(): Promise<void> {
    const client = await listenOn({
      connectionString: this.connectionString,
      applicationName: 'api-key-cache',
      channel: API_KEY_CHANGED_CHANNEL,
      onNotify: (payload) => this.forget(payload),
      onLost: (lostClient) => {
        if (this.client === lostClient) this.client = undefined;
        this.forget(undefined);
      },
    });
    if (this.closed) {
      await client.end();
      return;
    }
    this.forget(undefined);
    this.client = client;
  }
}
