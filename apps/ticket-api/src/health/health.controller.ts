import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import { PublicRoute } from '@app/platform/auth/api-key.guard';
import { databaseAnswers, PG_POOL } from '@app/platform/db/database';
import { ProbeController } from '@app/platform/health/probe.controller';
import { Draining } from '@app/platform/health/readiness';
import type { DependencyCheck } from '@app/platform/health/readiness';
import { Metrics } from '@app/platform/observability/metrics';
import { OutboxRelayService } from '../outbox/outbox-relay.service';

@Controller()
@PublicRoute()
export class HealthController extends ProbeController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly outbox: OutboxRelayService,
    metrics: Metrics,
    draining: Draining,
  ) {
    super(draining, metrics);
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

  /** Unready while draining or without PostgreSQL; Kafka down only degrades it (commands wait in the outbox). */
  protected dependencies(): Record<string, DependencyCheck> {
    return {
      database: { required: true, answers: () => databaseAnswers(this.pool) },
      kafka: { required: false, answers: async () => this.outbox.brokerReachable },
    };
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
}
