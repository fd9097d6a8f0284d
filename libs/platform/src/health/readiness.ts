import { Injectable } from '@nestjs/common';
import type { BeforeApplicationShutdown } from '@nestjs/common';

export type DependencyState = 'up' | 'down';

/** A dependency the service checks: a required one down makes it unready, an optional one degraded. */
export interface DependencyCheck {
  readonly required: boolean;
  readonly answers: () => Promise<boolean>;
}

export interface ReadinessReport {
  readonly ready: boolean;
  readonly status: 'ready' | 'degraded' | 'unready' | 'draining';
  readonly dependencies: Record<string, DependencyState>;
}

/** Set once shutdown starts, so readiness fails while in-flight requests finish. */
@Injectable()
export class Draining implements BeforeApplicationShutdown {
  active = false;

  beforeApplicationShutdown(): void {
    this.active = true;
  }
}

/** A check that has not answered within this is counted as down: a probe must answer in time. */
const CHECK_TIMEOUT_MS = 2_000;

const withinTimeout = (check: Promise<boolean>): Promise<boolean> =>
  Promise.race([
    check.catch(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), CHECK_TIMEOUT_MS).unref()),
  ]);

export async function checkReadiness(
  draining: boolean,
  checks: Record<string, DependencyCheck>,
): Promise<ReadinessReport> {
  const entries = await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      const up = await withinTimeout(check.answers());
      return { name, required: check.required, up };
    }),
  );
  const dependencies = Object.fromEntries(
    entries.map((e) => [e.name, e.up ? 'up' : 'down'] as const),
  );
  const requiredDown = entries.some((e) => e.required && !e.up);
  const optionalDown = entries.some((e) => !e.required && !e.up);
  if (draining) return { ready: false, status: 'draining', dependencies };
  if (requiredDown) return { ready: false, status: 'unready', dependencies };
  return { ready: true, status: optionalDown ? 'degraded' : 'ready', dependencies };
}

/** The body of /livez: answering at all is the proof the event loop is not wedged. */
export const ALIVE = { status: 'alive' } as const;
