import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { ValidateBy } from 'class-validator';
import type { CheckpointSigner } from '@app/event-store';

/** Development and tests only: the Helm chart refuses to render it (deploy/helm/.../secret.yaml). */
export const DEV_AUDIT_SIGNING_KEYS = 'dev:YXVkaXQtc2lnbmluZy1rZXktZm9yLWRldi1vbmx5ISE=';

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
// DER prefixes of an Ed25519 private key (PKCS #8) and public key (SPKI) around their 32 raw bytes
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export interface AuditPublicKey {
  readonly keyId: string;
  readonly algorithm: 'Ed25519';
  /** Base64 of the 32 raw bytes of the public key. */
  readonly publicKey: string;
  /** The key new exports are signed with. */
  readonly current: boolean;
}

interface Entry {
  readonly keyId: string;
  readonly publicKey: KeyObject;
  readonly privateKey?: KeyObject;
}

const raw32 = (material: string): Buffer | null => {
  const bytes = Buffer.from(material, 'base64');
  return bytes.length === 32 && bytes.toString('base64') === material ? bytes : null;
};

function parseEntries(text: string): Entry[] | string {
  const entries: Entry[] = [];
  for (const item of text.split(',').map((e) => e.trim())) {
    const parts = item.split(':');
    const [keyId] = parts;
    const retired = parts.length === 3 && parts[1] === 'public';
    if (!keyId || !KEY_ID.test(keyId) || !(parts.length === 2 || retired)) {
      return 'each entry must be <key id>:<base64 of a 32-byte Ed25519 seed> or <key id>:public:<base64 of a 32-byte public key>';
    }
    const bytes = raw32(parts[parts.length - 1]);
    if (!bytes) return `the key "${keyId}" must be the base64 of exactly 32 bytes`;
    if (entries.some((e) => e.keyId === keyId)) return `the key id "${keyId}" is given twice`;
    if (retired) {
      const der = Buffer.concat([SPKI_PREFIX, bytes]);
      entries.push({
        keyId,
        publicKey: createPublicKey({ key: der, format: 'der', type: 'spki' }),
      });
    } else {
      const der = Buffer.concat([PKCS8_PREFIX, bytes]);
      const privateKey = createPrivateKey({ key: der, format: 'der', type: 'pkcs8' });
      entries.push({ keyId, privateKey, publicKey: createPublicKey(privateKey) });
    }
  }
  if (!entries[0]?.privateKey)
    return 'the first key signs, so it needs its seed, not only its public key';
  return entries;
}

/**
 * The keys exports are signed with: the first signs, every one stays listed, so an export signed before a
 * rotation still verifies. A retired key can be listed by its public half alone.
 */
export class AuditSigningKeyring {
  private constructor(private readonly entries: Entry[]) {}

  /** `id:base64seed[,id:base64seed | id:public:base64publickey...]`, the current key first. */
  static parse(text: string): AuditSigningKeyring {
    const entries = parseEntries(text);
    if (typeof entries === 'string') throw new Error(`AUDIT_SIGNING_KEYS: ${entries}`);
    return new AuditSigningKeyring(entries);
  }

  get currentKeyId(): string {
    return this.entries[0].keyId;
  }

  /** A detached Ed25519 signature of the UTF-8 bytes of `message`, base64. */
  sign(message: string): string {
    return this.signBytes(message).toString('base64');
  }

  signBytes(message: string): Buffer {
    return sign(null, Buffer.from(message, 'utf8'), this.entries[0].privateKey!);
  }

  /** The signer of audit checkpoints: the current key. */
  checkpointSigner(): CheckpointSigner {
    return { keyId: this.currentKeyId, sign: (message) => this.signBytes(message) };
  }

  /** Every key by id, to check signatures. */
  verifyingKeys(): Map<string, KeyObject> {
    return new Map(this.entries.map((e) => [e.keyId, e.publicKey]));
  }

  publicKeys(): AuditPublicKey[] {
    return this.entries.map((e, index) => ({
      keyId: e.keyId,
      algorithm: 'Ed25519',
      publicKey: e.publicKey
        .export({ format: 'der', type: 'spki' })
        .subarray(SPKI_PREFIX.length)
        .toString('base64'),
      current: index === 0,
    }));
  }
}

/** A config property holding `AUDIT_SIGNING_KEYS`: refused at start, naming what is wrong. */
export const IsAuditSigningKeys = (): PropertyDecorator =>
  ValidateBy({
    name: 'isAuditSigningKeys',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && typeof parseEntries(value) !== 'string',
      defaultMessage: (args) =>
        typeof args?.value === 'string'
          ? `${args.property}: ${parseEntries(args.value) as string}`
          : `${args?.property} must be <key id>:<base64 of a 32-byte Ed25519 seed>[,<older key>...]`,
    },
  });

export const AUDIT_SIGNING_KEYRING = Symbol('AUDIT_SIGNING_KEYRING');

/** Public keys as GET /api/audit/keys lists them (`{ items: [{ keyId, publicKey }] }`). */
export function publicKeysFromListing(listing: unknown): Map<string, KeyObject> {
  const items = (listing as { items?: { keyId?: unknown; publicKey?: unknown }[] }).items ?? [];
  return new Map(
    items.map(({ keyId, publicKey }) => {
      const raw = typeof publicKey === 'string' ? raw32(publicKey) : null;
      if (typeof keyId !== 'string' || !raw) throw new Error(`not a key listing: ${String(keyId)}`);
      const der = Buffer.concat([SPKI_PREFIX, raw]);
      return [keyId, createPublicKey({ key: der, format: 'der', type: 'spki' })];
    }),
  );
}
