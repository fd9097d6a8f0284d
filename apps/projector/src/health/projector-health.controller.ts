import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { OnApplicationShutdown } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import { PG_POOL } from '@app/platform/db/database';
import { Metrics } from '@app/platform/observability/metrics';
import { DeadLetters } from '../projection/dead-letters';
import { ConsumerLag } from './consumer-lag';
import { ProjectorState } from './projector-state';

@Controller()
export class ProjectorHealthController implements OnApplicationShutdown {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    private readonly lag: ConsumerLag,
    private readonly state: ProjectorState,
    private readonly deadLetters: DeadLetters,
    private readonly metrics: Metrics,
  ) {
    metrics.gauge(
      'projector_lag_events',
      'Events on the topic not yet projected',
      async () => (await this.measure()).eventsBehind,
    );
    metrics.gauge(
      'projector_lag_seconds',
      'Age of the oldest unprojected event, approximately',
      async () => (await this.measure()).secondsBehind,
    );
    metrics.gauge('projector_dead_letters', 'Events in the dead-letter table', () =>
      deadLetters.count(),
    );
  }

  async measure(): Promise<{ eventsBehind: number; secondsBehind: number }> {
    const { eventsBehind } = await this.lag.measure();
    const last = this.state.lastAppliedRecordedAt;
    const secondsBehind =
      eventsBehind === 0 || !last ? 0 : Math.max(0, (Date.now() - Date.parse(last)) / 1000);
    return { eventsBehind, secondsBehind };
  }

  @Get('health')
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<object> {
    const database = await this.pool
      .query('SELECT 1')
      .then(() => 'up')
      .catch(() => 'down');
    const lag = await this.measure().catch((error: unknown) => ({ error: String(error) }));
    const ok = database === 'up' && !('error' in lag);
    void reply.status(ok ? 200 : 503);
    return {
      status: ok ? 'up' : 'down',
      database,
      lag,
      lastAppliedAt: this.state.lastAppliedAt,
      deadLetters: await this.deadLetters.count().catch(() => -1),
    };
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  renderMetrics(): Promise<string> {
    return this.metrics.render();
  }

  async onApplicationShutdown(): Promise<void> {
    this.state.stopping = true;
    await this.lag.close();
  }
}
