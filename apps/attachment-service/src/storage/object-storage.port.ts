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
  upload(
    key: string,
    body: AsyncIterable<Buffer>,
    metadata: ObjectMetadata,
    dataSubject?: string,
  ): Promise<void>;
  /** `dataSubject`: the account whose data key sealed the bytes (docs/audit.md, crypto-shredding). */
  read(key: string, span?: ByteSpan, dataSubject?: string): Promise<Readable>;
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

/** Thrown when the object's bytes were sealed with a data key that `audit -- forget-account` destroyed. */
export class ObjectErasedError extends Error {
  constructor(readonly key: string) {
    super(`The bytes of ${key} are erased.`);
    this.name = 'ObjectErasedError';
  }
}
