export interface UploadedPart {
  readonly part: number;
  readonly etag: string;
}

/** The S3 calls an upload needs: one PUT for a small object, a multipart upload for a larger one. */
export interface PartSink {
  putWhole(body: Buffer): Promise<void>;
  begin(): Promise<string>;
  putPart(uploadId: string, part: number, body: Buffer): Promise<UploadedPart>;
  complete(uploadId: string, parts: readonly UploadedPart[]): Promise<void>;
  abort(uploadId: string): Promise<void>;
}

/** A storage failure, told apart from a failure of the body (client gone, file too large). */
export class StorageError extends Error {
  constructor(cause: unknown) {
    super(`object storage failed: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = 'StorageError';
  }
}

const storage = async <T>(call: () => Promise<T>): Promise<T> => {
  try {
    return await call();
  } catch (error) {
    throw new StorageError(error);
  }
};

/**
 * Copies the body into one part-sized buffer and sends each full part before reading on, so an upload holds
 * one part however large the file and the client is slowed to storage's pace. A full buffer is sent as a part
 * only once more bytes arrive: an object that fits one part goes up in a single PUT.
 */
export async function uploadInParts(
  body: AsyncIterable<Buffer>,
  sink: PartSink,
  buffer: Buffer,
  onAbortFailure: (error: unknown) => void = () => undefined,
): Promise<void> {
  const partSize = buffer.length;
  const parts: UploadedPart[] = [];
  let uploadId: string | undefined;
  let filled = 0;
  const flush = async (length: number): Promise<void> => {
    uploadId ??= await storage(() => sink.begin());
    const id = uploadId;
    parts.push(await storage(() => sink.putPart(id, parts.length + 1, buffer.subarray(0, length))));
  };
  try {
    for await (const chunk of body) {
      let offset = 0;
      while (offset < chunk.length) {
        if (filled === partSize) {
          await flush(filled);
          filled = 0;
        }
        const copied = chunk.copy(buffer, filled, offset);
        filled += copied;
        offset += copied;
      }
    }
    if (uploadId === undefined) {
      await storage(() => sink.putWhole(buffer.subarray(0, filled)));
      return;
    }
    if (filled > 0) await flush(filled);
    const id = uploadId;
    await storage(() => sink.complete(id, parts));
  } catch (error) {
    if (uploadId !== undefined) await sink.abort(uploadId).catch(onAbortFailure);
    throw error;
  }
}
