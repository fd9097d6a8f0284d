import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { DataKey, DataKeys } from './data-keys';

/** What a personal field reads as once its account's key is destroyed (docs/audit.md). */
export const ERASED = '[erased]';

/** Which fields of which event type are personal data: the feature's one table. */
export type PersonalFields = Readonly<Record<string, readonly string[] | undefined>>;

/** A sealed field: `pd1:<base64url of the account>:<generation>:<base64url of nonce, tag, ciphertext>`. */
const PREFIX = 'pd1:';
const SEALED = /^pd1:([A-Za-z0-9_-]+):(\d{1,9}):([A-Za-z0-9_-]+)$/;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

interface Sealed {
  readonly accountId: string;
  readonly generation: number;
  readonly bytes: string;
}

const parseSealed = (value: unknown): Sealed | null => {
  if (typeof value !== 'string' || !value.startsWith(PREFIX)) return null;
  const m = SEALED.exec(value);
  return m
    ? {
        accountId: Buffer.from(m[1], 'base64url').toString('utf8'),
        generation: Number(m[2]),
        bytes: m[3],
      }
    : null;
};

/** The account, event type and field are authenticated: a ciphertext moved to another place fails. */
const aad = (accountId: string, type: string, field: string) =>
  Buffer.from(`${accountId}\u0000${type}\u0000${field}`);

function sealValue(accountId: string, key: DataKey, type: string, field: string, value: string) {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key.key, nonce);
  cipher.setAAD(aad(accountId, type, field));
  const body = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  const bytes = Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64url');
  const account = Buffer.from(accountId, 'utf8').toString('base64url');
  return `${PREFIX}${account}:${key.generation}:${bytes}`;
}

function openValue(sealed: Sealed, key: Buffer, type: string, field: string): string {
  const bytes = Buffer.from(sealed.bytes, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES));
  decipher.setAAD(aad(sealed.accountId, type, field));
  decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
  return Buffer.concat([
    decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)),
    decipher.final(),
  ]).toString('utf8');
}

/** An event's type and data, however its reader holds it (a row, an envelope, a record). */
export interface DataView {
  readonly type: string;
  readonly data: unknown;
}

/**
 * Crypto-shredding: the personal fields of an event are sealed with its account's data key before the append
 * (so the hash chain covers the ciphertext), and opened on every read; once the key is destroyed they read as
 * ERASED. A field that is not sealed (an event from before, docs/audit.md) is read as it is.
 */
export class PersonalDataCodec {
  constructor(
    readonly keys: DataKeys,
    private readonly fields: PersonalFields,
    /** false: seal() stores in the clear, for readers of a release before sealing (a rolling upgrade). */
    readonly sealing = true,
  ) {}

  /** The events with their personal fields sealed under the account's live key. */
  async seal<E extends DataView>(accountId: string, events: readonly E[]): Promise<E[]> {
    if (!this.sealing || !events.some((e) => this.fields[e.type])) return [...events];
    const key = await this.keys.live(accountId);
    return events.map((event) => {
      const fields = this.fields[event.type];
      if (!fields) return event;
      const data = { ...(event.data as Record<string, unknown>) };
      for (const field of fields) {
        const value = data[field];
        if (typeof value === 'string')
          data[field] = sealValue(accountId, key, event.type, field, value);
      }
      return { ...event, data };
    });
  }

  /** Every item with its personal fields opened (or ERASED); one query at most, for keys not in memory. */
  async open<T>(
    items: readonly T[],
    view: (item: T) => DataView,
    withData: (item: T, data: Record<string, unknown>) => T,
  ): Promise<T[]> {
    const generations = new Map<string, Set<number>>();
    for (const item of items) {
      this.sealedIn(view(item), ({ accountId, generation }) => {
        const seen = generations.get(accountId);
        if (seen) seen.add(generation);
        else generations.set(accountId, new Set([generation]));
      });
    }
    if (generations.size === 0) return [...items];
    let keys = await this.keys.of(generations.keys());
    // a generation this instance has not seen yet was created by another one since it cached the account
    const unseen = [...generations].filter(
      ([accountId, wanted]) =>
        ![...wanted].every((g) => keys.get(accountId)?.byGeneration.has(g) === true),
    );
    if (unseen.length > 0) {
      keys = new Map([...keys, ...(await this.keys.refreshed(unseen.map(([id]) => id)))]);
    }
    return items.map((item) => {
      const { type, data } = view(item);
      const fields = this.fields[type];
      if (!fields || typeof data !== 'object' || data === null) return item;
      const opened = { ...(data as Record<string, unknown>) };
      let changed = false;
      for (const field of fields) {
        const sealed = parseSealed(opened[field]);
        if (!sealed) continue;
        const key = keys.get(sealed.accountId)?.byGeneration.get(sealed.generation);
        opened[field] = key ? openValue(sealed, key, type, field) : ERASED;
        changed = true;
      }
      return changed ? withData(item, opened) : item;
    });
  }

  /** Records ({ type, data }) opened. */
  openRecords<R extends DataView>(records: readonly R[]): Promise<R[]> {
    return this.open(
      records,
      (r) => r,
      (r, data) => ({ ...r, data }),
    );
  }

  private sealedIn({ type, data }: DataView, found: (sealed: Sealed) => void): void {
    const fields = this.fields[type];
    if (!fields || typeof data !== 'object' || data === null) return;
    for (const field of fields) {
      const sealed = parseSealed((data as Record<string, unknown>)[field]);
      if (sealed) found(sealed);
    }
  }
}
