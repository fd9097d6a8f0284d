import { Module } from '@nestjs/common';
import { createPool, PG_POOL } from '@app/platform/db/database';
import { ATTACHMENT_SERVICE_CONFIG } from './config/attachment-service.config';
import type { AttachmentServiceConfig } from './config/attachment-service.config';
import { HealthController } from './health/health.controller';

export class AttachmentServiceModule {
  static register(config: AttachmentServiceConfig) {
    const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, 'attachment-service');
    @Module({
      controllers: [HealthController],
      providers: [
        { provide: ATTACHMENT_SERVICE_CONFIG, useValue: config },
        { provide: PG_POOL, useValue: pool },
      ],
    })
    class AppModule {}
    return AppModule;
  }
}
