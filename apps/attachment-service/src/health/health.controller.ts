import { Controller, Get, Header, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import { PublicRoute } from '@app/platform/auth/api-key.guard';
import { databaseAnswers, PG_POOL } from '@app/platform/db/database';
import { ALIVE, checkReadiness, Draining } from '@app/platform/health/readiness';
import { Metrics } from '@app/platform/observability/metrics';
import { UploadGate } from '../attachments/upload-attachment/upload-gate';
import { ATTACHMENT_SERVICE_CONFIG } from '../config/attachment-service.config';
import type { AttachmentServiceConfig } from '../config/attachment-service.config';
import { OBJECT_STORAGE } from '../storage/object-storage.port';
import type { ObjectStorage } from '../storage/object-storage.port';

@Controller()
@PublicRoute()
export class HealthController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly gate: UploadGate,
    @Inject(ATTACHMENT_SERVICE_CONFIG) private readonly config: AttachmentServiceConfig,
    private readonly metrics: Metrics,
    private readonly draining: Draining,
  ) {
    metrics.gauge('uploads_in_flight', 'Uploads streaming now', () => gate.active);
    metrics.gauge('uploads_capacity', 'Uploads this instance admits at once', () => gate.capacity);
  }

  @Get('metrics')
  @Header('content-type', 'text/plain; version=0.0.4')
  renderMetrics(): Promise<string> {
    return this.metrics.render();
  }

  @Get('livez')
  livez(): object {
    return ALIVE;
  }

  @Get('readyz')
  async readyz(@Res({ passthrough: true }) reply: FastifyReply): Promise<object> {
    const report = await checkReadiness(this.draining.active, {
      database: { required: true, answers: () => databaseAnswers(this.pool) },
      storage: { required: true, answers: () => this.storage.isReachable() },
    });
    void reply.status(report.ready ? 200 : 503);
    return report;
  }

  @Get('health')
  async health(@Res({ passthrough: true }) reply: FastifyReply): Promise<object> {
    const [database, storage] = await Promise.all([
      databaseAnswers(this.pool).then((ok) => (ok ? 'up' : 'down')),
      this.storage.isReachable().then((ok) => (ok ? 'up' : 'down')),
    ]);
    const ok = database === 'up' && storage === 'up';
    void reply.status(ok ? 200 : 503);
    return {
      status: ok ? 'up' : 'down',
      database,
      storage,
      uploads: {
        inFlight: this.gate.active,
        capacity: this.gate.capacity,
        perAccount: this.gate.accountCapacity,
        partSize: this.config.S3_PART_SIZE,
      },
    };
  }
}
