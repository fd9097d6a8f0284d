/** A seeded generator (mulberry32): the same seed gives the same choices, so a run can be replayed. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A generator of its own for one actor, derived from the seed and the actor's name. */
  fork(name: string): Random {
    let hash = this.state ^ 0x9e3779b9;
    for (const char of name) hash = Math.imul(hash ^ char.charCodeAt(0), 0x01000193);
    return new Random(hash);
  }

  /** In [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One of the weighted choices. */
  weighted<T extends string>(weights: Partial<Record<T, number>>): T {
    const entries = Object.entries(weights) as [T, number][];
    const total = entries.reduce((sum, [, w]) => sum + w, 0);
    let at = this.next() * total;
    for (const [choice, weight] of entries) {
      at -= weight;
      if (at < 0) return choice;
    }
    return entries[entries.length - 1][0];
  }

  bytes(size: number): Buffer {
    const out = Buffer.alloc(Math.ceil(size / 4) * 4);
    for (let i = 0; i < out.length; i += 4) out.writeUInt32LE(Math.floor(this.next() * 2 ** 32), i);
    return out.subarray(0, size);
  }
}
