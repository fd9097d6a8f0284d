import type { PartSink, UploadedPart } from './part-buffered-upload';
import { StorageError, uploadInParts } from './part-buffered-upload';

class RecordingSink implements PartSink {
  readonly calls: string[] = [];
  readonly parts: Buffer[] = [];
  whole?: Buffer;
  failOn?: string;

  private step(name: string): void {
    this.calls.push(name);
    if (this.failOn === name) throw new Error(`${name} failed`);
  }

  async putWhole(body: Buffer): Promise<void> {
    this.step('putWhole');
    this.whole = Buffer.from(body);
  }
  async begin(): Promise<string> {
    this.step('begin');
    return 'upload-1';
  }
  async putPart(_id: string, part: number, body: Buffer): Promise<UploadedPart> {
    this.step(`part ${part}`);
    this.parts.push(Buffer.from(body));
    return { part, etag: `etag-${part}` };
  }
  async complete(): Promise<void> {
    this.step('complete');
  }
  async abort(): Promise<void> {
    this.step('abort');
  }
}

async function* bytes(total: number, chunk = 3): AsyncIterable<Buffer> {
  for (let offset = 0; offset < total; offset += chunk) {
    const length = Math.min(chunk, total - offset);
    yield Buffer.from(Array.from({ length }, (_, i) => (offset + i) % 251));
  }
}

const expected = (total: number): Buffer =>
  Buffer.from(Array.from({ length: total }, (_, i) => i % 251));

describe('uploadInParts', () => {
  it('sends an object that fits one part in a single PUT, even when it fills the part exactly', async () => {
    for (const total of [0, 7, 10]) {
      const sink = new RecordingSink();
      await uploadInParts(bytes(total), sink, Buffer.alloc(10));
      expect(sink.calls).toEqual(['putWhole']);
      expect(sink.whole).toEqual(expected(total));
    }
  });

  it('sends a larger object part by part through one reused buffer', async () => {
    const sink = new RecordingSink();
    await uploadInParts(bytes(25, 4), sink, Buffer.alloc(10));
    expect(sink.calls).toEqual(['begin', 'part 1', 'part 2', 'part 3', 'complete']);
    expect(sink.parts.map((p) => p.length)).toEqual([10, 10, 5]);
    expect(Buffer.concat(sink.parts)).toEqual(expected(25));
  });

  it('does not pull the next chunk while a part is being sent', async () => {
    const events: string[] = [];
    const sink = new RecordingSink();
    const slowPart = sink.putPart.bind(sink);
    sink.putPart = async (id, part, body) => {
      events.push(`send ${part}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`sent ${part}`);
      return slowPart(id, part, body);
    };
    async function* source(): AsyncIterable<Buffer> {
      for (let i = 0; i < 3; i++) {
        events.push(`read ${i}`);
        yield Buffer.alloc(10);
      }
    }
    await uploadInParts(source(), sink, Buffer.alloc(10));
    expect(events).toEqual([
      'read 0',
      'read 1',
      'send 1',
      'sent 1',
      'read 2',
      'send 2',
      'sent 2',
      'send 3',
      'sent 3',
    ]);
  });

  it('aborts the multipart upload when the body fails, and passes the body error on', async () => {
    const sink = new RecordingSink();
    async function* failing(): AsyncIterable<Buffer> {
      yield Buffer.alloc(10);
      yield Buffer.alloc(10);
      throw new Error('client went away');
    }
    await expect(uploadInParts(failing(), sink, Buffer.alloc(10))).rejects.toThrow(
      'client went away',
    );
    expect(sink.calls).toEqual(['begin', 'part 1', 'abort']);
  });

  it('aborts when storage fails, and reports it as a StorageError', async () => {
    const sink = new RecordingSink();
    sink.failOn = 'part 2';
    const failure = uploadInParts(bytes(30), sink, Buffer.alloc(10));
    await expect(failure).rejects.toBeInstanceOf(StorageError);
    expect(sink.calls).toEqual(['begin', 'part 1', 'part 2', 'abort']);
  });
});
