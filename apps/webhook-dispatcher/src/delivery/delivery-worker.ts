import { Logger } from '@nestjs/common';
import type { ClaimedDelivery, PgWebhookStore } from '@app/webhooks';
import type { PayloadOpener } from './open-payload';
import { retryDelayMs } from './retry-schedule';
import type { RetrySchedule } from './retry-schedule';
import type { SendOutcome, WebhookSender } from './webhook-sender';

export interface DeliveryWorkerOptions {
  readonly concurrency: number;
  readonly pollIntervalMs: number;
  readonly leaseMs: number;
  /** Deliveries of one account claimed per round at most. */
  readonly perAccount: number;
  readonly retry: RetrySchedule;
}

const UNOPENABLE_SECRET =
  "the endpoint's secret is sealed with a key WEBHOOK_SECRET_KEYS does not have";

export interface DeliveryCounters {
  onAttempt(outcome: 'succeeded' | 'retrying' | 'failed'): void;
}

/**
 * Sends due deliveries, at most `concurrency` at a time. Deliveries are leased in the database, so
 * replicas share the work and a delivery whose sender died is retried once its lease runs out.
 */
export class DeliveryWorker {
  private readonly logger = new Logger('DeliveryWorker');
  private readonly inFlight = new Set<Promise<void>>();
  private stopping = false;
  private wakeup?: () => void;
  private woken = false;
  private loop?: Promise<void>;

  constructor(
    private readonly store: PgWebhookStore,
    private readonly sender: WebhookSender,
    private readonly options: DeliveryWorkerOptions,
    private readonly counters: DeliveryCounters,
    private readonly openPayload: PayloadOpener = (payload) => Promise.resolve(payload),
  ) {}

  start(): void {
    this.loop = this.run();
  }

  /** New deliveries were recorded: look for them now rather than at the next poll. */
  wake(): void {
    this.woken = true;
    this.wakeup?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.wake();
    await this.loop;
    await Promise.all(this.inFlight);
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        const free = this.options.concurrency - this.inFlight.size;
        const claimed =
          free > 0
            ? await this.store.claimDue({
                limit: free,
                leaseMs: this.options.leaseMs,
                perAccount: this.options.perAccount,
              })
            : [];
        for (const delivery of claimed) this.track(this.attempt(delivery));
        if (claimed.length > 0 && claimed.length === free) continue;
      } catch (error) {
        this.logger.warn(`claiming deliveries failed: ${String(error)}`);
      }
      await this.sleep(this.options.pollIntervalMs);
    }
  }

  private track(work: Promise<void>): void {
    this.inFlight.add(work);
    void work.finally(() => {
      this.inFlight.delete(work);
      this.wake();
    });
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    let outcome: SendOutcome;
    const secret = delivery.secret;
    try {
      outcome =
        secret === null
          ? { ok: false, statusCode: null, error: UNOPENABLE_SECRET }
          : await this.sender.send({
              url: delivery.url,
              secret,
              messageId: delivery.messageId,
              body: JSON.stringify(await this.openPayload(delivery.payload)),
            });
    } catch (error) {
      outcome = { ok: false, statusCode: null, error: String(error) };
    }
    try {
      if (outcome.ok) {
        await this.store.succeeded(delivery.id, outcome.statusCode);
        this.counters.onAttempt('succeeded');
        return;
      }
      const status = await this.store.failed(
        delivery.id,
        outcome,
        retryDelayMs(this.options.retry, delivery.attempts),
      );
      this.counters.onAttempt(status === 'failed' ? 'failed' : 'retrying');
    } catch (error) {
      // the lease runs out and the delivery is attempted again: at least once
      this.logger.warn(`recording delivery ${delivery.id} failed: ${String(error)}`);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || this.stopping) {
      this.woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeup = () => {
        this.woken = false;
        this.wakeup = undefined;
        done();
      };
    });
  }
}
