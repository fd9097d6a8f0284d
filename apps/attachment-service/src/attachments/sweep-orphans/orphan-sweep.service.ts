import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ATTACHMENT_SERVICE_CONFIG } from '../../config/attachment-service.config';
import type { AttachmentServiceConfig } from '../../config/attachment-service.config';
import { ORPHAN_SWEEPER } from './orphan-sweeper';
import type { OrphanSweeper } from './orphan-sweeper';

/** Runs the orphan sweep every SWEEP_INTERVAL_MS for the life of the app. */
@Injectable()
export class OrphanSweepService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('OrphanSweep');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(ORPHAN_SWEEPER) private readonly sweeper: OrphanSweeper,
    @Inject(ATTACHMENT_SERVICE_CONFIG) private readonly config: AttachmentServiceConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.SWEEP_INTERVAL_MS === 0) return;
    this.timer = setInterval(() => {
      // a slow sweep is not overtaken by the next one
      this.running ??= this.sweeper
        .sweep()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.warn(`sweep failed: ${String(error)}`))
        .finally(() => (this.running = undefined));
    }, this.config.SWEEP_INTERVAL_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
