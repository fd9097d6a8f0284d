/** Caps the uploads one instance streams at once, in all and per account, so one account cannot hold them all. */
export class UploadGate {
  private inFlight = 0;
  private readonly perAccount = new Map<string, number>();

  constructor(
    readonly capacity: number,
    readonly accountCapacity: number,
  ) {}

  get active(): number {
    return this.inFlight;
  }

  /** A function that gives the place back (once), or null when every place, or the account's, is taken. */
  tryEnter(accountId: string): (() => void) | null {
    const ofAccount = this.perAccount.get(accountId) ?? 0;
    if (this.inFlight >= this.capacity || ofAccount >= this.accountCapacity) return null;
    this.inFlight += 1;
    this.perAccount.set(accountId, ofAccount + 1);
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.inFlight -= 1;
      const remaining = (this.perAccount.get(accountId) ?? 1) - 1;
      if (remaining === 0) this.perAccount.delete(accountId);
      else this.perAccount.set(accountId, remaining);
    };
  }
}
