export interface RetrySchedule {
  readonly baseMs: number;
  readonly maxMs: number;
}

/**
 * Exponential backoff with jitter: after attempt n the wait is drawn from [d/2, d], d = base * 2^(n-1)
 * capped at max, so receivers that failed together do not all come back at once.
 */
export function retryDelayMs(
  schedule: RetrySchedule,
  attempts: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(schedule.maxMs, schedule.baseMs * 2 ** Math.min(attempts - 1, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
