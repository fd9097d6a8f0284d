import { CappedPlaces } from '@app/platform/concurrency/capped-places';

/** Caps the uploads one instance streams at once, in all and per account, so one account cannot hold them all. */
export class UploadGate {
  private readonly places: CappedPlaces;

  constructor(
    readonly capacity: number,
    readonly accountCapacity: number,
  ) {
    this.places = new CappedPlaces(capacity, accountCapacity);
  }

  get active(): number {
    return this.places.held();
  }

  /** A function that gives the place back (once), or null when every place, or the account's, is taken. */
  tryEnter(accountId: string): (() => void) | null {
    const place = this.places.tryTake(accountId);
    return typeof place === 'function' ? place : null;
  }
}
