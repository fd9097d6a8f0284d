import type { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { Client } from 'minio';
import type {
  ByteSpan,
  ObjectMetadata,
  ObjectStorage,
  StoredObject,
  UnfinishedUpload,
} from './object-storage.port';
import { ObjectNotFoundError } from './object-storage.port';
import { PartBufferPool } from './part-buffer-pool';
import type { PartSink, UploadedPart } from './part-buffered-upload';
import { uploadInParts } from './part-buffered-upload';

export interface MinioSettings {
  readonly endpoint: string;
  readonly accessKey: string;
  readonly secretKey: string;
  readonly region: string;
  readonly bucket: string;
  readonly partSize: number;
  /** Part buffers kept for reuse; the upload concurrency cap. */
  readonly pooledParts: number;
}

export const minioClient = (
  settings: Omit<MinioSettings, 'bucket' | 'partSize' | 'pooledParts'>,
) => {
  const url = new URL(settings.endpoint);
  return new Client({
    endPoint: url.hostname,
    port: url.port ? Number(url.port) : undefined,
    useSSL: url.protocol === 'https:',
    accessKey: settings.accessKey,
    secretKey: settings.secretKey,
    region: settings.region,
    pathStyle: true,
  });
};

const isNotFound = (error: unknown): boolean =>
  ['NoSuchKey', 'NotFound'].includes((error as { code?: string } | null)?.code ?? '');

const metadataHeaders = (metadata: ObjectMetadata): Record<string, string> => ({
  'Content-Type': metadata.contentType,
  ...Object.fromEntries(
    Object.entries(metadata.userMetadata).map(([name, value]) => [`x-amz-meta-${name}`, value]),
  ),
});

/** Object storage on MinIO (or any S3), with uploads streamed part by part. */
export class MinioObjectStorage implements ObjectStorage {
  private readonly logger = new Logger('ObjectStorage');
  private readonly buffers: PartBufferPool;

  constructor(
    private readonly client: Client,
    private readonly settings: MinioSettings,
  ) {
    this.buffers = new PartBufferPool(settings.partSize, settings.pooledParts);
  }

  static fromSettings(settings: MinioSettings): MinioObjectStorage {
    return new MinioObjectStorage(minioClient(settings), settings);
  }

  async ensureBucket(): Promise<void> {
    const { bucket, region } = this.settings;
    if (await this.client.bucketExists(bucket)) return;
    try {
      await this.client.makeBucket(bucket, region);
      this.logger.log(`created bucket ${bucket}`);
    } catch (error) {
      // another instance may have created it in the meantime
      if (!(await this.client.bucketExists(bucket))) throw error;
    }
  }

  isReachable(): Promise<boolean> {
    return this.client.bucketExists(this.settings.bucket).catch(() => false);
  }

  upload(key: string, body: AsyncIterable<Buffer>, metadata: ObjectMetadata): Promise<void> {
    const sink = this.sinkFor(key, metadataHeaders(metadata));
    return this.buffers.with((buffer) =>
      uploadInParts(body, sink, buffer, (error) =>
        this.logger.warn(
          `could not abort the upload of ${key}; the sweeper will: ${String(error)}`,
        ),
      ),
    );
  }

  async read(key: string, span?: ByteSpan): Promise<Readable> {
    const { bucket } = this.settings;
    try {
      return span
        ? await this.client.getPartialObject(bucket, key, span.start, span.end - span.start + 1)
        : await this.client.getObject(bucket, key);
    } catch (error) {
      if (isNotFound(error)) throw new ObjectNotFoundError(key);
      throw error;
    }
  }

  async remove(keys: readonly string[]): Promise<void> {
    if (keys.length === 0) return;
    // the client answers with the per-key errors of the batch delete, none when all went
    const failed = (await this.client.removeObjects(this.settings.bucket, [...keys])).filter(
      (result) => result != null,
    );
    if (failed.length > 0) throw new Error(`could not remove ${JSON.stringify(failed)}`);
  }

  async *list(prefix: string): AsyncIterable<StoredObject> {
    for await (const item of this.client.listObjectsV2(this.settings.bucket, prefix, true)) {
      const object = item as { name?: string; size?: number; lastModified?: Date };
      if (object.name && object.lastModified) {
        yield { key: object.name, size: object.size ?? 0, lastModified: object.lastModified };
      }
    }
  }

  async *listUnfinishedUploads(prefix: string): AsyncIterable<UnfinishedUpload> {
    let keyMarker = '';
    let uploadIdMarker = '';
    for (;;) {
      const page = await this.client.listIncompleteUploadsQuery(
        this.settings.bucket,
        prefix,
        keyMarker,
        uploadIdMarker,
        '',
      );
      for (const upload of page.uploads) {
        yield { key: upload.key, uploadId: upload.uploadId, initiated: upload.initiated };
      }
      if (!page.isTruncated) return;
      keyMarker = page.nextKeyMarker;
      uploadIdMarker = page.nextUploadIdMarker;
    }
  }

  abortUpload(upload: UnfinishedUpload): Promise<void> {
    return this.client.abortMultipartUpload(this.settings.bucket, upload.key, upload.uploadId);
  }

  private sinkFor(key: string, headers: Record<string, string>): PartSink {
    const { client } = this;
    const bucketName = this.settings.bucket;
    return {
      async putWhole(body: Buffer): Promise<void> {
        // not putObject: it copies a Buffer body once more before sending it
        await client.makeRequestAsyncOmit(
          { method: 'PUT', bucketName, objectName: key, headers: { ...headers } },
          body,
          [200],
        );
      },
      begin: () => client.initiateNewMultipartUpload(bucketName, key, { ...headers }),
      async putPart(uploadId: string, part: number, body: Buffer): Promise<UploadedPart> {
        const uploaded = await client.uploadPart(
          { bucketName, objectName: key, uploadID: uploadId, partNumber: part, headers: {} },
          body,
        );
        return { part, etag: uploaded.etag };
      },
      async complete(uploadId: string, parts: readonly UploadedPart[]): Promise<void> {
        await client.completeMultipartUpload(bucketName, key, uploadId, [...parts]);
      },
      abort: (uploadId: string) => client.abortMultipartUpload(bucketName, key, uploadId),
    };
  }
}
