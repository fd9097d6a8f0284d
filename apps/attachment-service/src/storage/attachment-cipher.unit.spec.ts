import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { decrypting, encrypted, generationOf, HEADER_BYTES, skipping } from './attachment-cipher';

async function collect(stream: AsyncIterable<unknown>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function* inChunks(bytes: Buffer, size: number): AsyncIterable<Buffer> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const dataKey = randomBytes(32);
const objectKey = 'uploads/tickets/1/abc';
const plain = Buffer.from('attachment bytes of a customer '.repeat(2_000));

describe('attachment cipher (AES-256-CTR, streamed)', () => {
  let stored: Buffer;
  beforeAll(async () => {
    stored = await collect(encrypted(inChunks(plain, 1_000), dataKey, 7, objectKey));
  });

  it('stores a header naming the key generation, then ciphertext of the same length', () => {
    expect(generationOf(stored)).toBe(7);
    expect(stored.length).toBe(plain.length + HEADER_BYTES);
    expect(stored.includes('attachment bytes')).toBe(false);
  });

  it('knows an object stored before encryption by its missing header', () => {
    expect(generationOf(plain)).toBeNull();
  });

  it('decrypts the whole object as it streams', async () => {
    const whole = Readable.from(inChunks(stored, 333))
      .pipe(skipping(HEADER_BYTES))
      .pipe(decrypting(dataKey, objectKey, 0));
    expect((await collect(whole)).equals(plain)).toBe(true);
  });

  it.each([
    [0, 15],
    [5, 20],
    [16, 31],
    [1_001, 12_345],
    [plain.length - 3, plain.length - 1],
  ])('decrypts the byte range %d-%d on its own', async (start, end) => {
    const ciphertext = stored.subarray(start + HEADER_BYTES, end + HEADER_BYTES + 1);
    const range = Readable.from(inChunks(ciphertext, 100)).pipe(
      decrypting(dataKey, objectKey, start),
    );
    expect((await collect(range)).equals(plain.subarray(start, end + 1))).toBe(true);
  });

  it('gives each object its own keystream', async () => {
    const other = await collect(encrypted(inChunks(plain, 1_000), dataKey, 7, `${objectKey}x`));
    expect(other.subarray(HEADER_BYTES).equals(stored.subarray(HEADER_BYTES))).toBe(false);
  });
});
