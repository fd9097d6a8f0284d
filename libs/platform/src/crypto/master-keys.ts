import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ValidateBy } from 'class-validator';

/** The public development master key of `npm start` and the tests; the Helm chart refuses it. */
export const DEV_DATA_MASTER_KEYS = 'dev:ZGF0YS1tYXN0ZXIta2V5LWZvci1kZXYtb25seSEhISE=';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** A data key as its row holds it: wrapped (AES-256-GCM) by the master key named by its id. */
export interface WrappedKey {
  readonly masterKeyId: string;
  readonly wrapped: Buffer;
}

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
 * `DATA_MASTER_KEYS`: the first wraps every new account data key, every one unwraps the keys wrapped with
 * it, so a master key is rotated by putting a new one first and running `audit -- rewrap-data-keys`.
 */
export class MasterKeys {
  private constructor(
    private readonly keys: Map<string, Buffer>,
    readonly currentKeyId: string,
  ) {}

  static parse(text: string): MasterKeys {
    const keys = parseKeys(text);
    if (typeof keys === 'string') throw new Error(`DATA_MASTER_KEYS: ${keys}`);
    return new MasterKeys(keys, [...keys.keys()][0]);
  }

  /** `context` (account and generation) is authenticated: a wrapped key copied to another row fails. */
  wrap(dataKey: Buffer, context: string): WrappedKey {
    const nonce = randomBytes(NONCE_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, nonce);
    cipher.setAAD(Buffer.from(context));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return {
      masterKeyId: this.currentKeyId,
      wrapped: Buffer.concat([nonce, cipher.getAuthTag(), body]),
    };
  }

  unwrap({ masterKeyId, wrapped }: WrappedKey, context: string): Buffer {
    const key = this.keys.get(masterKeyId);
    if (!key)
      throw new Error(`no data master key "${masterKeyId}" is configured (DATA_MASTER_KEYS)`);
    const decipher = createDecipheriv('aes-256-gcm', key, wrapped.subarray(0, NONCE_BYTES));
    decipher.setAAD(Buffer.from(context));
    decipher.setAuthTag(wrapped.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
    return Buffer.concat([
      decipher.update(wrapped.subarray(NONCE_BYTES + TAG_BYTES)),
      decipher.final(),
    ]);
  }
}

/** A config property holding `DATA_MASTER_KEYS`: refused at start, naming what is wrong. */
export const IsDataMasterKeys = (): PropertyDecorator =>
  ValidateBy({
    name: 'isDataMasterKeys',
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && typeof parseKeys(value) !== 'string',
      defaultMessage: (args) =>
        typeof args?.value === 'string'
          ? `${args.property}: ${parseKeys(args.value) as string}`
          : `${args?.property} is required: <key id>:<base64 of 32 random bytes>[,<older key>...]`,
    },
  });
