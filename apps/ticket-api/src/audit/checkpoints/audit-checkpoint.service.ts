import { Inject, Injectable, Logger } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { Pool } from 'pg';
import { writeCheckpoint } from '@app/event-store';
import { PG_POOL } from '@app/platform/db/database';
import { TICKET_API_CONFIG } from '../../config/ticket-api.config';
import type { TicketApiConfig } from '../../config/ticket-api.config';
import { AUDIT_SIGNING_KEYRING, DEV_AUDIT_SIGNING_KEYS } from '../signing/audit-signing-keyring';
import type { AuditSigningKeyring } from '../signing/audit-signing-keyring';

/** Every instance ticks; the advisory lock and the last checkpoint's age make one of them write and sign. */
@Injectable()
export class AuditCheckpointService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('AuditCheckpoint');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(TICKET_API_CONFIG) private readonly config: TicketApiConfig,
    @Inject(AUDIT_SIGNING_KEYRING) private readonly keyring: AuditSigningKeyring,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.AUDIT_SIGNING_KEYS === DEV_AUDIT_SIGNING_KEYS) {
      this.logger.warn('AUDIT_SIGNING_KEYS is the development key: signatures prove nothing');
    }
    const interval = this.config.AUDIT_CHECKPOINT_INTERVAL_MS;
    this.timer = setInterval(() => {
      this.running ??= this.tick(interval).finally(() => (this.running = undefined));
    }, interval);
    this.timer.unref();
  }

  private async tick(interval: number): Promise<void> {
    try {
      const written = await writeCheckpoint(this.pool, interval, this.keyring.checkpointSigner());
      if (written)
        this.logger.log(
          `checkpoint ${written.id}: ${written.headCount} stream heads, hash ${written.hash}`,
        );
    } catch (error) {
      this.logger.warn(`checkpoint not written, next try in ${interval} ms: ${String(error)}`);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
