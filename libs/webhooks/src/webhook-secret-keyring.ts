import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ValidateBy } from 'class-validator';

/** A signing secret at rest: AES-256-GCM as base64 of nonce (12 bytes), tag (16) and ciphertext. */
export interface SealedSecret {
  readonly ciphertext: string;
  readonly keyId: string;
}

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

export class UnknownSecretKeyError extends Error {
  constructor(readonly keyId: string) {
    super(`no webhook secret key "${keyId}" is configured (WEBHOOK_SECRET_KEYS)`);
    this.name = 'UnknownSecretKeyError';
  }
}

/** Keys of a keyring as `WEBHOOK_SECRET_KEYS` writes them, or why the text is not one. */
function parseKeys(text: string): Map<string, Buffer> | string {
  const keys = new Map<string, Buffer>();
  for (const entry of text.split(',').map((e) => e.trim())) {
    const [id, material, ...rest] = entry.split(':');
    if (!id || !KEY_ID.test(id) || material === undefined || rest.length > 0) {
      return 'each entry must be <key id>:<base64 of 32 bytes>, the id of letters, digits, _ or -';
    }
    const key = Buffer.from(material, 'base64');
    if (key.length !== 32 || key.toString('base64') !== material) {
      return `the key "${id}" must be the base64 of exactly 32 random bytes`;
    }
    if (keys.has(id)) return `the key id "${id}" is given twice`;
    keys.set(id, key);
  }
  return keys;
}

/**
 * The keys webhook secrets are encrypted with: the first seals every new secret, every one opens the
 * secrets sealed with it, so a key can be rotated in by putting it first and retired once no row uses it.
 */
export class WebhookSecretKeyring {
  private constructor(
    private readonly keys: Map<string, Buffer>,
    readonly currentKeyId: string,
  ) {}

  /** `id:base64key[,id:base64key...]`, the current key first. */
  static parse(text: string): WebhookSecretKeyring {
    const keys = parseKeys(text);
    if (typeof keys === 'string') throw new Error(`WEBHOOK_SECRET_KEYS: ${keys}`);
    return new WebhookSecretKeyring(keys, [...keys.keys()][0]);
  }

  get keyIds(): string[] {
    return [...this.keys.keys()];
  }

  /** `context` (the endpoint's account) is authenticated with it: a ciphertext copied to another row fails. */
  seal(secret: string, context: string): SealedSecret {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, nonce);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return {
      ciphertext: Buffer.concat([nonce, cipher.getAuthTag(), body]).toString('base64'),
      keyId: this.currentKeyId,
    };
  }

  open(sealed: SealedSecret, context: string): string {
    const key = this.keys.get(sealed.keyId);
    if (!key) throw new UnknownSecretKeyError(sealed.keyId);
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(bytes.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(bytes.subarray(NONCE_BYTES + TAG_BYTES)),
      decipher.final(),
    ]).toString('utf8');
  }
}

/** A config property holding `WEBHOOK_SECRET_KEYS`: refused at start, naming what is wrong. */
export const IsWebhookSecretKeys = (): PropertyDecorator =>
  ValidateBy({
    name: 'isWebhookSecretKeys',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && typeof parseKeys(value) !== 'string',
      defaultMessage: (args) =>
        typeof args?.value === 'string'
          ? `${args.property}: ${parseKeys(args.value) as string}`
          : `${args?.property} is required: <key id>:<base64 of 32 random bytes>[,<older key>...]`,
    },
  });
