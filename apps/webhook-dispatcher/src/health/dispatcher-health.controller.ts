import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import { databaseAnswers, PG_POOL } from '@app/platform/db/database';
import { ProbeController } from '@app/platform/health/probe.controller';
import { Draining } from '@app/platform/health/readiness';
import type { DependencyCheck } from '@app/platform/health/readiness';
import { Metrics } from '@app/platform/observability/metrics';
import { WEBHOOK_DISPATCHER_CONFIG } from '../config/webhook-dispatcher.config';
import type { WebhookDispatcherConfig } from '../config/webhook-dispatcher.config';

/** A gauge whose source is down renders NaN instead of failing the whole scrape. */
const unknown = (): number => Number.NaN;

@Controller()
export class DispatcherHealthController extends ProbeController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(WEBHOOK_DISPATCHER_CONFIG) private readonly config: WebhookDispatcherConfig,
    metrics: Metrics,
    draining: Draining,
  ) {
    super(draining, metrics);
    metrics.gauge('webhook_deliveries_pending', 'Deliveries waiting for their next attempt', () =>
      this.pendingDeliveries().catch(unknown),
    );
  }

  protected dependencies(): Record<string, DependencyCheck> {
    return { database: { required: true, answers: () => databaseAnswers(this.pool) } };
  }

  @Get('health')
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<object> {
    const database = await databaseAnswers(this.pool).then((ok) => (ok ? 'up' : 'down'));
    void reply.status(database === 'up' ? 200 : 503);
    return {
      status: database,
      database,
      groupId: this.config.WEBHOOK_DISPATCHER_GROUP_ID,
      pendingDeliveries: await this.pendingDeliveries().catch(() => -1),
    };
  }

  private async pendingDeliveries(): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>(
      "SELECT count(*) FROM webhook_deliveries WHERE status = 'pending'",
    );
    return Number(rows[0].count);
  }
}
