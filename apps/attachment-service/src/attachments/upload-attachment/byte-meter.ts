import { createHash } from 'node:crypto';

export interface Measured {
  readonly size: number;
  readonly sha256: string;
}

/**
 * Passes the bytes on while counting and hashing them, and fails at the first byte over the limit, so an
 * oversized file is stopped as it arrives, not after it has been stored.
 */
export function meter(
  source: AsyncIterable<Buffer>,
  maxBytes: number,
  tooLarge: () => Error,
): { body: AsyncIterable<Buffer>; measured: () => Measured } {
  const hash = createHash('sha256');
  let size = 0;
  async function* body(): AsyncIterable<Buffer> {
    for await (const chunk of source) {
      size += chunk.length;
      if (size > maxBytes) throw tooLarge();
      hash.update(chunk);
      yield chunk;
    }
  }
  return { body: body(), measured: () => ({ size, sha256: hash.digest('hex') }) };
}
