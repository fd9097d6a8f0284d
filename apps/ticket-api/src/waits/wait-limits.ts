import { CappedPlaces } from '@app/platform/concurrency/capped-places';
import { ApiError } from '@app/platform/http/api-error';

export interface WaitLimitPolicy {
  /** Waits one API key may hold at once on this instance. */
  readonly perKey: number;
  /** Waits every key together may hold at once on this instance. */
  readonly perInstance: number;
}

/** The defaults of FEED_WAITS_* and MIN_VERSION_WAITS_* (the configuration reads them from here). */
export const DEFAULT_WAIT_LIMITS = {
  feed: { perKey: 4, perInstance: 500 },
  minVersion: { perKey: 8, perInstance: 500 },
} as const satisfies Record<string, WaitLimitPolicy>;

/** Seconds a refused wait is told to come back after. */
export const WAIT_RETRY_AFTER_SECONDS = 1;

/**
 * Places for requests that wait (long-polls, read-your-writes): a key beyond its share is 429 TOO_MANY_WAITS, any
 * key beyond the instance's is 503 WAIT_CAPACITY_REACHED, both with Retry-After. A request that answers without
 * waiting never takes a place.
 */
export class WaitLimits {
  private readonly places: CappedPlaces;

  constructor(
    readonly name: string,
    private readonly policy: WaitLimitPolicy,
  ) {
    this.places = new CappedPlaces(policy.perInstance, policy.perKey);
  }

  /** Takes a place for the key, or throws; call the returned function once, when the wait is over. */
  acquire(apiKeyId: string): () => void {
    const place = this.places.tryTake(apiKeyId);
    if (typeof place === 'function') return place;
    const headers = { 'retry-after': String(WAIT_RETRY_AFTER_SECONDS) };
    if (place === 'key') {
      throw new ApiError(
        'TOO_MANY_WAITS',
        `This API key already has ${this.places.held(apiKeyId)} ${this.name} waiting (at most ${this.policy.perKey} at once).`,
        { headers },
      );
    }
    throw new ApiError(
      'WAIT_CAPACITY_REACHED',
      `This instance already holds ${this.places.held()} ${this.name} waiting; try again shortly.`,
      { headers },
    );
  }

  /** Places taken now: by one key, or in all. */
  held(apiKeyId?: string): number {
    return this.places.held(apiKeyId);
  }
}

/** DI tokens: the feed's long-polls and minVersion's waits have limits of their own. */
export const FEED_WAIT_LIMITS = Symbol('FEED_WAIT_LIMITS');
export const MIN_VERSION_WAIT_LIMITS = Symbol('MIN_VERSION_WAIT_LIMITS');
