/**
 * Part buffers kept for reuse: allocated on first need, at most `capacity` kept, so steady upload traffic
 * reuses the same memory instead of churning 5 MiB allocations through the garbage collector.
 */
export class PartBufferPool {
  private readonly free: Buffer[] = [];

  constructor(
    readonly partSize: number,
    private readonly capacity: number,
  ) {}

  async with<T>(work: (buffer: Buffer) => Promise<T>): Promise<T> {
    const buffer = this.free.pop() ?? Buffer.allocUnsafe(this.partSize);
    try {
      return await work(buffer);
    } finally {
      if (this.free.length < this.capacity) this.free.push(buffer);
    }
  }
}
