import { Get, Header, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Metrics } from '../observability/metrics';
import { ALIVE, checkReadiness } from './readiness';
import type { DependencyCheck, Draining, ReadinessReport } from './readiness';

/** /livez, /readyz and /metrics as every service answers them; a service says only what it depends on. */
export abstract class ProbeController {
  protected constructor(
    private readonly draining: Draining,
    protected readonly metrics: Metrics,
  ) {}

  /** What /readyz checks, besides draining: a required dependency down makes the service unready. */
  protected abstract dependencies(): Record<string, DependencyCheck>;

  @Get('livez')
  livez(): object {
    return ALIVE;
  }

  @Get('readyz')
  async readyz(@Res({ passthrough: true }) reply: FastifyReply): Promise<ReadinessReport> {
    const report = await checkReadiness(this.draining.active, this.dependencies());
    void reply.status(report.ready ? 200 : 503);
    return report;
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  renderMetrics(): Promise<string> {
    return this.metrics.render();
  }
}
