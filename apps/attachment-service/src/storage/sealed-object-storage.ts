import { pipeline } from 'node:stream';
import type { Readable } from 'node:stream';
import type { DataKeys } from '@app/event-store';
import { decrypting, encrypted, generationOf, HEADER_BYTES, skipping } from './attachment-cipher';
import type { ByteSpan, ObjectMetadata, ObjectStorage } from './object-storage.port';
import { ObjectErasedError } from './object-storage.port';

/**
 * Attachment bytes sealed under their account's data key (crypto-shredding): encrypted as they stream to
 * storage, decrypted as they stream back, unreadable once `audit -- forget-account` destroyed the key.
 */
export class SealedObjectStorage implements ObjectStorage {
  constructor(
    private readonly inner: ObjectStorage,
    private readonly keys: DataKeys,
    private readonly sealing = true,
  ) {}

  ensureBucket(): Promise<void> {
    return this.inner.ensureBucket();
  }

  isReachable(): Promise<boolean> {
    return this.inner.isReachable();
  }

  discard(keys: readonly string[]): Promise<{ abortedUploads: number }> {
    return this.inner.discard(keys);
  }

  async upload(
    key: string,
    body: AsyncIterable<Buffer>,
    metadata: ObjectMetadata,
    dataSubject?: string,
  ): Promise<void> {
    if (dataSubject === undefined || !this.sealing) return this.inner.upload(key, body, metadata);
    const { key: dataKey, generation } = await this.keys.live(dataSubject);
    return this.inner.upload(key, encrypted(body, dataKey, generation, key), metadata);
  }

  async read(key: string, span?: ByteSpan, dataSubject?: string): Promise<Readable> {
    if (dataSubject === undefined) return this.inner.read(key, span);
    const generation = generationOf(await this.head(key));
    // an object stored before encryption is read as it is
    if (generation === null) return this.inner.read(key, span);
    const dataKey = await this.keyOf(dataSubject, generation);
    if (!dataKey) throw new ObjectErasedError(key);
    const shifted = span && { start: span.start + HEADER_BYTES, end: span.end + HEADER_BYTES };
    const body = await this.inner.read(key, shifted);
    const decrypt = decrypting(dataKey, key, span?.start ?? 0);
    const noop = () => undefined;
    return span
      ? pipeline(body, decrypt, noop)
      : pipeline(body, skipping(HEADER_BYTES), decrypt, noop);
  }

  private async head(key: string): Promise<Buffer> {
    let body: Readable;
    try {
      body = await this.inner.read(key, { start: 0, end: HEADER_BYTES - 1 });
    } catch (error) {
      // shorter than a header: an object from before
      if ((error as { code?: string } | null)?.code === 'InvalidRange') return Buffer.alloc(0);
      throw error;
    }
    const chunks: Buffer[] = [];
    for await (const chunk of body) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  private async keyOf(accountId: string, generation: number): Promise<Buffer | null> {
    const known = (await this.keys.of([accountId])).get(accountId)?.byGeneration.get(generation);
    if (known !== undefined) return known;
    const fresh = await this.keys.refreshed([accountId]);
    return fresh.get(accountId)?.byGeneration.get(generation) ?? null;
  }
}
