import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import { databaseAnswers, PG_POOL } from '@app/platform/db/database';
import { ProbeController } from '@app/platform/health/probe.controller';
import { Draining } from '@app/platform/health/readiness';
import type { DependencyCheck } from '@app/platform/health/readiness';
import { Metrics } from '@app/platform/observability/metrics';
import { PROJECTOR_CONFIG } from '../config/projector.config';
import type { ProjectorConfig } from '../config/projector.config';
import { DeadLetters } from '../projection/dead-letters';
import { ConsumerLag } from './consumer-lag';
import { ProjectorState } from './projector-state';

/** A gauge whose source is down renders NaN instead of failing the whole scrape. */
const unknown = (): number => Number.NaN;

@Controller()
export class ProjectorHealthController
  extends ProbeController
  implements OnApplicationBootstrap, OnApplicationShutdown
{
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(PROJECTOR_CONFIG) private readonly config: ProjectorConfig,
    private readonly lag: ConsumerLag,
    private readonly state: ProjectorState,
    private readonly deadLetters: DeadLetters,
    metrics: Metrics,
    draining: Draining,
  ) {
    super(draining, metrics);
    metrics.gauge(
      'projector_lag_events',
      'Events on the topic the consumer group has not projected yet',
      () => this.lag.measure().then((lag) => lag.eventsBehind, unknown),
    );
    metrics.gauge(
      'projector_lag_seconds',
      'Age in seconds of the oldest event the consumer group has not projected yet',
      () => this.lag.measure().then((lag) => lag.secondsBehind, unknown),
    );
    metrics.gauge('projector_dead_letters', 'Events this group has dead-lettered', () =>
      deadLetters.count().catch(unknown),
    );
    metrics.countersFrom(
      'projector_dead_letter_retries_total',
      'Dead letters retried with `projector dead-letters retry`, by outcome',
      'outcome',
      () => deadLetters.retryOutcomes(),
    );
  }

  onApplicationBootstrap(): void {
    this.lag.startSampling(this.config.PROJECTOR_LAG_SAMPLE_MS);
  }

  /** Unready while draining or without PostgreSQL; Kafka down only degrades it (nothing to project). */
  protected dependencies(): Record<string, DependencyCheck> {
    return {
      database: { required: true, answers: () => databaseAnswers(this.pool) },
      kafka: {
        required: false,
        answers: () => this.lag.measure().then(() => this.state.consuming),
      },
    };
  }

  @Get('health')
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<object> {
    const database = await databaseAnswers(this.pool).then((ok) => (ok ? 'up' : 'down'));
    const lag = await this.lag.measure().catch((error: unknown) => ({ error: String(error) }));
    const ok = database === 'up' && !('error' in lag) && this.state.consuming;
    void reply.status(ok ? 200 : 503);
    return {
      status: ok ? 'up' : 'down',
      database,
      consuming: this.state.consuming,
      groupId: this.config.PROJECTOR_GROUP_ID,
      readModelSchema: this.config.READ_MODEL_SCHEMA,
      lag,
      lastAppliedAt: this.state.lastAppliedAt,
      deadLetters: await this.deadLetters.count().catch(() => -1),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    this.state.stopping = true;
    await this.lag.close();
  }
}
