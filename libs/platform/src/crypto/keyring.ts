import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ValidateBy } from 'class-validator';

const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** `id:base64key[,id:base64key...]` (the current key first) as keys by id, or why the text is not one. */
export function parseKeyList(text: string): Map<string, Buffer> | string {
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

/** A config property holding a key list: refused at start, naming what is wrong. */
export const IsKeyList = (name: string): PropertyDecorator =>
  ValidateBy({
    name,
    validator: {
      validate: (value: unknown) =>
        typeof value === 'string' && typeof parseKeyList(value) !== 'string',
      defaultMessage: (args) =>
        typeof args?.value === 'string'
          ? `${args.property}: ${parseKeyList(args.value) as string}`
          : `${args?.property} is required: <key id>:<base64 of 32 random bytes>[,<older key>...]`,
    },
  });

/** AES-256-GCM with `context` authenticated: nonce (12 bytes), tag (16) and ciphertext, in one buffer. */
export function sealWith(key: Buffer, plaintext: Buffer, context: string): Buffer {
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(Buffer.from(context));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([nonce, cipher.getAuthTag(), body]);
}

/** The plaintext of `sealWith`'s buffer; throws when the key, the context or a byte differs. */
export function openWith(key: Buffer, sealed: Buffer, context: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, NONCE_BYTES));
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(sealed.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
  return Buffer.concat([
    decipher.update(sealed.subarray(NONCE_BYTES + TAG_BYTES)),
    decipher.final(),
  ]);
}
