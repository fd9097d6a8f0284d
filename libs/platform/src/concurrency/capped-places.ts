/** Which cap refused a place: the key's own share, or the total. */
export type PlaceRefusal = 'key' | 'total';

/**
 * Places held at once, capped in total and per key (an account, an API key); each taker gives its place back
 * once, through the function it was handed. The key's cap is checked first.
 */
export class CappedPlaces {
  private taken = 0;
  private readonly byKey = new Map<string, number>();

  constructor(
    readonly total: number,
    readonly perKey: number,
  ) {}

  /** Places taken now: by one key, or in all. */
  held(key?: string): number {
    return key === undefined ? this.taken : (this.byKey.get(key) ?? 0);
  }

  tryTake(key: string): (() => void) | PlaceRefusal {
    const ofKey = this.byKey.get(key) ?? 0;
    if (ofKey >= this.perKey) return 'key';
    if (this.taken >= this.total) return 'total';
    this.taken += 1;
    this.byKey.set(key, ofKey + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.taken -= 1;
      const left = (this.byKey.get(key) ?? 1) - 1;
      if (left === 0) this.byKey.delete(key);
      else this.byKey.set(key, left);
    };
  }
}
