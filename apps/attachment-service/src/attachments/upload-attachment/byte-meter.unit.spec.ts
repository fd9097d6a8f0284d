import { createHash } from 'node:crypto';
import { meter } from './byte-meter';

async function* chunks(...sizes: number[]): AsyncIterable<Buffer> {
  for (const [index, size] of sizes.entries()) yield Buffer.alloc(size, index + 1);
}

const drain = async (body: AsyncIterable<Buffer>): Promise<Buffer> => {
  const parts: Buffer[] = [];
  for await (const chunk of body) parts.push(chunk);
  return Buffer.concat(parts);
};

describe('meter', () => {
  it('passes every byte on and measures size and SHA-256', async () => {
    const metered = meter(chunks(3, 4), 7, () => new Error('too large'));
    const bytes = await drain(metered.body);
    expect(metered.measured()).toEqual({
      size: 7,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
  });

  it('accepts exactly the limit', async () => {
    const metered = meter(chunks(5, 5), 10, () => new Error('too large'));
    await expect(drain(metered.body)).resolves.toHaveLength(10);
  });

  it('fails at the chunk that carries the first byte over the limit, before passing it on', async () => {
    const passed: number[] = [];
    const metered = meter(chunks(5, 5, 1, 100), 10, () => new Error('too large'));
    await expect(
      (async () => {
        for await (const chunk of metered.body) passed.push(chunk.length);
      })(),
    ).rejects.toThrow('too large');
    expect(passed).toEqual([5, 5]);
  });
});
