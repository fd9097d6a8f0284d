import type { Readable } from 'node:stream';
import { Logger } from '@nestjs/common';
import { Client } from 'minio';
import type { ByteSpan, ObjectMetadata, ObjectStorage } from './object-storage.port';
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

  async discard(keys: readonly string[]): Promise<{ abortedUploads: number }> {
    if (keys.length === 0) return { abortedUploads: 0 };
    const { bucket } = this.settings;
    let abortedUploads = 0;
    for (const key of keys) {
      // MinIO lists the multipart uploads of one exact key only, never of a whole prefix
      const { uploads } = await this.client.listIncompleteUploadsQuery(bucket, key, '', '', '');
      for (const upload of uploads.filter((u) => u.key === key)) {
        await this.client.abortMultipartUpload(bucket, key, upload.uploadId);
        abortedUploads += 1;
      }
    }
    // the client answers with the per-key errors of the batch delete, none when all went
    const failed = (await this.client.removeObjects(bucket, [...keys])).filter(
      (result) => result != null,
    );
    if (failed.length > 0) throw new Error(`could not delete ${JSON.stringify(failed)}`);
    return { abortedUploads };
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
