import { randomBytes } from 'node:crypto';
import type { Client, Pool } from 'pg';
import { isUniqueViolation } from '@app/platform/db/database';
import { listenOn } from '@app/platform/db/listen-connection';
import type { MasterKeys } from '@app/platform/crypto/master-keys';

/** Notified by the account_data_keys trigger at the commit of any change, with the account (migration 024). */
export const DATA_KEY_CHANGED_CHANNEL = 'account_data_key_changed';

export interface DataKey {
  readonly generation: number;
  readonly key: Buffer;
}

/** An account's data keys by generation: the key, or null once erased; `live` seals what is new. */
export interface AccountKeys {
  readonly live: DataKey | null;
  readonly byGeneration: ReadonlyMap<number, Buffer | null>;
}

const wrapContext = (accountId: string, generation: number) => `${accountId}:${generation}`;

/**
 * The per-account data keys, unwrapped once and kept in memory while the LISTEN connection stands (a change
 * anywhere drops the account's entry at its commit, so an erasure reaches every instance); without it every
 * lookup asks the database. In steady state a read or an append costs no query.
 */
export class DataKeys {
  private readonly cache = new Map<string, AccountKeys>();
  /** Bumped by every change: a load that raced one is not kept. */
  private changes = 0;
  private client?: Client;
  private connecting?: Promise<void>;
  private closed = false;
  /** A service listens (and reconnects); a command-line run asks the database each time. */
  private wanted = false;

  constructor(
    private readonly pool: Pool,
    private readonly connectionString: string,
    private readonly master: MasterKeys,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  /** The keys of these accounts: from memory, one query for those not held. */
  async of(accountIds: Iterable<string>): Promise<Map<string, AccountKeys>> {
    if (!this.client && this.wanted) this.listen().catch(this.onError);
    const found = new Map<string, AccountKeys>();
    const missing: string[] = [];
    for (const accountId of new Set(accountIds)) {
      const cached = this.cache.get(accountId);
      if (cached) found.set(accountId, cached);
      else missing.push(accountId);
    }
    if (missing.length > 0) for (const [id, keys] of await this.load(missing)) found.set(id, keys);
    return found;
  }

  /** Read again: a generation this instance has not seen was created elsewhere. */
  async refreshed(accountIds: readonly string[]): Promise<Map<string, AccountKeys>> {
    for (const accountId of accountIds) this.cache.delete(accountId);
    return this.of(accountIds);
  }

  /** The key new data of the account is sealed with: created at its first use, and after an erasure. */
  async live(accountId: string): Promise<DataKey> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      const keys = (await this.of([accountId])).get(accountId)!;
      if (keys.live) return keys.live;
      const generation = Math.max(0, ...keys.byGeneration.keys()) + 1;
      const key = randomBytes(32);
      const { masterKeyId, wrapped } = this.master.wrap(key, wrapContext(accountId, generation));
      try {
        await this.pool.query(
          `INSERT INTO account_data_keys (account_id, generation, master_key_id, wrapped)
           VALUES ($1, $2, $3, $4)`,
          [accountId, generation, masterKeyId, wrapped],
        );
        const byGeneration = new Map([...keys.byGeneration, [generation, key]]);
        if (this.client) this.cache.set(accountId, { live: { generation, key }, byGeneration });
        return { generation, key };
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        this.cache.delete(accountId);
      }
    }
    throw new Error(`account ${accountId}: its data key kept changing while it was created`);
  }

  /** Destroys every wrapped key of the account; returns how many generations were erased. */
  async erase(accountId: string): Promise<number> {
    const { rowCount } = await this.pool.query(
      `UPDATE account_data_keys SET wrapped = NULL, master_key_id = NULL, erased_at = now()
       WHERE account_id = $1 AND wrapped IS NOT NULL`,
      [accountId],
    );
    this.changed(accountId);
    return rowCount ?? 0;
  }

  /** Wraps every live key with the current master key; returns how many rows changed. */
  async rewrap(): Promise<number> {
    const { rows } = await this.pool.query<KeyRow>(
      `SELECT account_id, generation, master_key_id, wrapped FROM account_data_keys
       WHERE wrapped IS NOT NULL AND master_key_id <> $1`,
      [this.master.currentKeyId],
    );
    for (const row of rows) {
      const context = wrapContext(row.account_id, row.generation);
      const key = this.master.unwrap(
        { masterKeyId: row.master_key_id!, wrapped: row.wrapped! },
        context,
      );
      const { masterKeyId, wrapped } = this.master.wrap(key, context);
      await this.pool.query(
        `UPDATE account_data_keys SET master_key_id = $3, wrapped = $4
         WHERE account_id = $1 AND generation = $2 AND wrapped IS NOT NULL`,
        [row.account_id, row.generation, masterKeyId, wrapped],
      );
    }
    return rows.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting?.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
    this.cache.clear();
  }

  private changed(accountId?: string): void {
    this.changes += 1;
    if (accountId === undefined) this.cache.clear();
    else this.cache.delete(accountId);
  }

  private async load(accountIds: string[]): Promise<Map<string, AccountKeys>> {
    const changes = this.changes;
    const { rows } = await this.pool.query<KeyRow>({
      name: 'account-data-keys',
      text: `SELECT account_id, generation, master_key_id, wrapped FROM account_data_keys
             WHERE account_id = ANY ($1::text[])`,
      values: [accountIds],
    });
    const loaded = new Map<
      string,
      { live: DataKey | null; byGeneration: Map<number, Buffer | null> }
    >(accountIds.map((id) => [id, { live: null, byGeneration: new Map() }]));
    for (const row of rows) {
      const keys = loaded.get(row.account_id)!;
      const key =
        row.wrapped && row.master_key_id
          ? this.master.unwrap(
              { masterKeyId: row.master_key_id, wrapped: row.wrapped },
              wrapContext(row.account_id, row.generation),
            )
          : null;
      keys.byGeneration.set(row.generation, key);
      if (key && (!keys.live || keys.live.generation < row.generation)) {
        keys.live = { generation: row.generation, key };
      }
    }
    if (this.client && changes === this.changes) {
      for (const [id, keys] of loaded) this.cache.set(id, keys);
    }
    return loaded;
  }

  /** Starts the LISTEN connection; keys are only kept in memory while it stands. */
  listen(): Promise<void> {
    this.wanted = true;
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => (this.connecting = undefined));
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = await listenOn({
      connectionString: this.connectionString,
      applicationName: 'account-data-keys',
      channel: DATA_KEY_CHANGED_CHANNEL,
      onNotify: (accountId) => this.changed(accountId || undefined),
      onLost: (lostClient) => {
        if (this.client === lostClient) this.client = undefined;
        this.changed();
      },
    });
    if (this.closed) {
      await client.end();
      return;
    }
    this.changed();
    this.client = client;
  }
}

interface KeyRow {
  account_id: string;
  generation: number;
  master_key_id: string | null;
  wrapped: Buffer | null;
}
