import type { Readable } from 'node:stream';

export const OBJECT_STORAGE = Symbol('OBJECT_STORAGE');

export interface ObjectMetadata {
  readonly contentType: string;
  /** Stored as x-amz-meta-* headers, so values must be ASCII (percent-encode anything else). */
  readonly userMetadata: Readonly<Record<string, string>>;
}

export interface StoredObject {
  readonly key: string;
  readonly size: number;
  readonly lastModified: Date;
}

export interface UnfinishedUpload {
  readonly key: string;
  readonly uploadId: string;
  readonly initiated: Date;
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
   * storage takes it. On any failure nothing is left behind: an unfinished multipart upload is aborted.
   */
  upload(key: string, body: AsyncIterable<Buffer>, metadata: ObjectMetadata): Promise<void>;
  read(key: string, span?: ByteSpan): Promise<Readable>;
  remove(keys: readonly string[]): Promise<void>;
  list(prefix: string): AsyncIterable<StoredObject>;
  listUnfinishedUploads(prefix: string): AsyncIterable<UnfinishedUpload>;
  abortUpload(upload: UnfinishedUpload): Promise<void>;
}

/** Thrown when storage says the object does not exist. */
export class ObjectNotFoundError extends Error {
  constructor(readonly key: string) {
    super(`No object ${key}.`);
    this.name = 'ObjectNotFoundError';
  }
}
