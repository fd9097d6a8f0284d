import type { Readable } from 'node:stream';

export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

export interface ObjectMetadata {
  readonly contentType: string;
  /** Stored as x-amz-meta-* headers, so values must be ASCII (percent-encode anything else). */
  readonly userMetadata: Readonly<Record<string, string>>;
}

/** Inclusive byte offsets, as in an HTTP Range. */
export interface ByteSpan {
  readonly start: number;
  readonly end: number;
}

export interface ObjectStorage {
  ensureBucket(): Promise<void>;
  isReachable(): Promise<boolean>;
  /**
   * Streams body into an object, holding at most one part in memory; the body is pulled only as fast as
   * storage takes it. A failed upload aborts its multipart upload.
   */
  upload(key: string, body: AsyncIterable<Buffer>, metadata: ObjectMetadata): Promise<void>;
  read(key: string, span?: ByteSpan): Promise<Readable>;
  /** Leaves nothing under these keys: aborts their unfinished multipart uploads and deletes their objects. */
  discard(keys: readonly string[]): Promise<{ abortedUploads: number }>;
}

/** Thrown when storage says the object does not exist. */
export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No object ${key}.`);
    this.name = 'ObjectNotFoundError';
  }
}
