import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import { PublicRoute } from '@app/platform/auth/api-key.guard';
import { databaseAnswers, PG_POOL } from '@app/platform/db/database';
import { ALIVE, checkReadiness, Draining } from '@app/platform/health/readiness';
import { Metrics } from '@app/platform/observability/metrics';
import { OutboxRelayService } from '../outbox/outbox-relay.service';

@Controller()
@PublicRoute()
export class HealthController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly outbox: OutboxRelayService,
    private readonly metrics: Metrics,
    private readonly draining: Draining,
  ) {
    metrics.gauge('outbox_backlog', 'Outbox rows not yet published to Kafka', () =>
      outbox.relay.backlog(),
    );
    metrics.counterFrom(
      'outbox_published_total',
      'Events this instance published to Kafka',
      () => outbox.relay.stats.published,
    );
    metrics.gauge('outbox_relay_leader', '1 when this instance runs the relay', () =>
      outbox.relay.stats.leader ? 1 : 0,
    );
  }

  @Get('livez')
  livez(): object {
    return ALIVE;
  }

  /** Unready while draining or without PostgreSQL; Kafka down only degrades it (commands wait in the outbox). */
  @Get('readyz')
  async readyz(@Res({ passthrough: true }) reply: FastifyReply): Promise<object> {
    const report = await checkReadiness(this.draining.active, {
      database: { required: true, answers: () => databaseAnswers(this.pool) },
      kafka: {
        required: false,
        answers: async () => this.outbox.brokerReachable,
      },
    });
    void reply.status(report.ready ? 200 : 503);
    return report;
  }

  @Get('health')
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<object> {
    const database = await databaseAnswers(this.pool).then((ok) => (ok ? 'up' : 'down'));
    const backlog = await this.outbox.relay.backlog().catch(() => -1);
    const ok = database === 'up';
    void reply.status(ok ? 200 : 503);
    return {
      status: ok ? 'up' : 'down',
      database,
      outbox: { ...this.outbox.relay.stats, backlog },
    };
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  async renderMetrics(): Promise<string> {
    return this.metrics.render();
  }
}
