import { Controller, Get, Inject, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import type { Pool } from 'pg';
import { PublicRoute } from '@app/platform/auth/api-key.guard';
import { databaseAnswers, PG_POOL } from '@app/platform/db/database';
import { ProbeController } from '@app/platform/health/probe.controller';
import { Draining } from '@app/platform/health/readiness';
import type { DependencyCheck } from '@app/platform/health/readiness';
import { Metrics } from '@app/platform/observability/metrics';
import { UploadGate } from '../attachments/upload-attachment/upload-gate';
import { ATTACHMENT_SERVICE_CONFIG } from '../config/attachment-service.config';
import type { AttachmentServiceConfig } from '../config/attachment-service.config';
import { OBJECT_STORAGE } from '../storage/object-storage.port';
import type { ObjectStorage } from '../storage/object-storage.port';

@Controller()
@PublicRoute()
export class HealthController extends ProbeController {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(OBJECT_STORAGE) private readonly storage: ObjectStorage,
    private readonly gate: UploadGate,
    @Inject(ATTACHMENT_SERVICE_CONFIG) private readonly config: AttachmentServiceConfig,
    metrics: Metrics,
    draining: Draining,
  ) {
    super(draining, metrics);
    metrics.gauge('uploads_in_flight', 'Uploads streaming now', () => gate.active);
    metrics.gauge('uploads_capacity', 'Uploads this instance admits at once', () => gate.capacity);
  }

  protected dependencies(): Record<string, DependencyCheck> {
    return {
      database: { required: true, answers: () => databaseAnswers(this.pool) },
      storage: { required: true, answers: () => this.storage.isReachable() },
    };
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
