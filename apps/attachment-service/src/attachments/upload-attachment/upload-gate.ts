/** Caps the uploads one instance streams at once, so their part buffers have a known ceiling. */
export class UploadGate {
  private inFlight = 0;

  constructor(readonly capacity: number) {}

  get active(): number {
    return this.inFlight;
  }

  /** A function that gives the place back (once), or null when every place is taken. */
  tryEnter(): (() => void) | null {
    if (this.inFlight >= this.capacity) return null;
    this.inFlight += 1;
    let left = false;
    return () => {
      if (left) return;
      left = true;
      this.inFlight -= 1;
    };
  }
}
