import { createCipheriv, createDecipheriv, createHmac } from 'node:crypto';
import { Transform } from 'node:stream';

/**
 * An attachment at rest: an 8-byte header (`PDA1`, then the data key's generation, big-endian) and the bytes
 * in AES-256-CTR under a key derived from the account's data key and the object's own key, so no two objects
 * share a keystream and a byte range decrypts on its own. Objects stored before have no header.
 */
const MAGIC = Buffer.from('PDA1');
export const HEADER_BYTES = 8;
const BLOCK = 16;

export const header = (generation: number): Buffer => {
  const bytes = Buffer.alloc(HEADER_BYTES);
  MAGIC.copy(bytes);
  bytes.writeUInt32BE(generation, MAGIC.length);
  return bytes;
};

/** The generation a header names, or null when the bytes are not one (an object from before). */
export const generationOf = (bytes: Buffer): number | null =>
  bytes.length >= HEADER_BYTES && bytes.subarray(0, MAGIC.length).equals(MAGIC)
    ? bytes.readUInt32BE(MAGIC.length)
    : null;

const objectKeyOf = (dataKey: Buffer, objectKey: string): Buffer =>
  createHmac('sha256', dataKey).update(`attachment\u0000${objectKey}`).digest();

/** The counter block at a byte offset of the plaintext. */
const counterAt = (offset: number): Buffer => {
  const iv = Buffer.alloc(BLOCK);
  iv.writeBigUInt64BE(BigInt(Math.floor(offset / BLOCK)), 8);
  return iv;
};

const ctr = (dataKey: Buffer, objectKey: string, offset: number) => {
  const cipher = createCipheriv('aes-256-ctr', objectKeyOf(dataKey, objectKey), counterAt(offset));
  // into the block: the keystream's first bytes belong to the offsets before
  if (offset % BLOCK > 0) cipher.update(Buffer.alloc(offset % BLOCK));
  return cipher;
};

/** The header, then the body encrypted chunk by chunk: constant memory, the body pulled as it is read. */
export async function* encrypted(
  body: AsyncIterable<Buffer>,
  dataKey: Buffer,
  generation: number,
  objectKey: string,
): AsyncIterable<Buffer> {
  yield header(generation);
  const cipher = ctr(dataKey, objectKey, 0);
  for await (const chunk of body) yield cipher.update(chunk);
  const rest = cipher.final();
  if (rest.length > 0) yield rest;
}

/** Decrypts a stream of ciphertext that starts at `offset` of the plaintext (the header already off). */
export const decrypting = (dataKey: Buffer, objectKey: string, offset: number): Transform => {
  const decipher = createDecipheriv(
    'aes-256-ctr',
    objectKeyOf(dataKey, objectKey),
    counterAt(offset),
  );
  if (offset % BLOCK > 0) decipher.update(Buffer.alloc(offset % BLOCK));
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, decipher.update(chunk));
    },
    flush(done) {
      done(null, decipher.final());
    },
  });
};

/** Drops the first `count` bytes of a stream (the header of a whole object). */
export const skipping = (count: number): Transform => {
  let left = count;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      if (left >= chunk.length) {
        left -= chunk.length;
        return done();
      }
      const rest = chunk.subarray(left);
      left = 0;
      done(null, rest);
    },
  });
};
