import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { createPool, PG_POOL, poolLifecycleProvider } from '@app/platform/db/database';
import { Metrics } from '@app/platform/observability/metrics';
import { Draining } from '@app/platform/health/readiness';
import { apiKeyAuthProviders } from '@app/platform/auth/api-key-auth.providers';
import { IdempotencyStore } from '@app/platform/idempotency/idempotency.store';
import {
  IdAllocator,
  TicketCommandRunner,
  ticketEventStoreProvider,
  ticketPersonalData,
} from '@app/ticket-store';
import { personalDataProviders } from '@app/event-store';
import { ATTACHMENT_READ_MODEL, PgAttachmentReadModel } from '@app/read-model';
import { DownloadAttachmentController } from './attachments/download-attachment/download-attachment.controller';
import { DownloadAttachmentHandler } from './attachments/download-attachment/download-attachment.handler';
import {
  ReadModelThenRecorded,
  RecordedAttachments,
} from './attachments/download-attachment/recorded-attachments';
import { ORPHAN_SWEEPER, OrphanSweeper } from './attachments/sweep-orphans/orphan-sweeper';
import { OrphanSweepService } from './attachments/sweep-orphans/orphan-sweep.service';
import { PgUploadJournal, UPLOAD_JOURNAL } from './attachments/shared/upload-journal';
import { TicketAdmission } from './attachments/upload-attachment/ticket-admission';
import { UploadAttachmentController } from './attachments/upload-attachment/upload-attachment.controller';
import { UploadAttachmentHandler } from './attachments/upload-attachment/upload-attachment.handler';
import { UploadGate } from './attachments/upload-attachment/upload-gate';
import { UploadIdempotency } from './attachments/upload-attachment/upload-idempotency';
import { ATTACHMENT_SERVICE_CONFIG } from './config/attachment-service.config';
import type { AttachmentServiceConfig } from './config/attachment-service.config';
import { HealthController } from './health/health.controller';
import { MinioObjectStorage } from './storage/minio-object-storage';
import { SealedObjectStorage } from './storage/sealed-object-storage';
import { OBJECT_STORAGE } from './storage/object-storage.port';
import { StorageBootstrap } from './storage/storage-bootstrap';

export class AttachmentServiceModule {
  static register(config: AttachmentServiceConfig) {
    const pool = createPool(config.DATABASE_URL, config.DATABASE_POOL_SIZE, 'attachment-service');
    const personalData = ticketPersonalData(pool, config);
    const journal = new PgUploadJournal(pool);
    const minio = MinioObjectStorage.fromSettings({
      endpoint: config.S3_ENDPOINT,
      accessKey: config.S3_ACCESS_KEY,
      secretKey: config.S3_SECRET_KEY,
      region: config.S3_REGION,
      bucket: config.S3_BUCKET,
      partSize: config.S3_PART_SIZE,
      pooledParts: config.MAX_CONCURRENT_UPLOADS,
    });
    const storage = new SealedObjectStorage(minio, personalData.keys, personalData.sealing);
    @Module({
      imports: [CqrsModule.forRoot()],
      controllers: [UploadAttachmentController, DownloadAttachmentController, HealthController],
      providers: [
        { provide: ATTACHMENT_SERVICE_CONFIG, useValue: config },
        { provide: PG_POOL, useValue: pool },
        poolLifecycleProvider(pool),
        Metrics,
        Draining,
        // AttachmentAdded goes through the ticket's own stream and outbox, like every ticket event
        ticketEventStoreProvider(pool, config.TICKET_EVENTS_TOPIC, personalData),
        ...personalDataProviders(personalData),
        ...apiKeyAuthProviders(pool, {
          perSecond: config.RATE_LIMIT_PER_SECOND,
          burst: config.RATE_LIMIT_BURST,
          maxLease: config.RATE_LIMIT_LEASE,
        }),
        { provide: OBJECT_STORAGE, useValue: storage },
        {
          provide: ATTACHMENT_READ_MODEL,
          useValue: new ReadModelThenRecorded(
            new PgAttachmentReadModel(pool, config.READ_MODEL_SCHEMA),
            new RecordedAttachments(pool, personalData),
          ),
        },
        {
          provide: UploadGate,
          useValue: new UploadGate(config.MAX_CONCURRENT_UPLOADS, config.MAX_UPLOADS_PER_ACCOUNT),
        },
        {
          provide: ORPHAN_SWEEPER,
          useValue: new OrphanSweeper(storage, journal, config.ORPHAN_GRACE_MS),
        },
        { provide: UPLOAD_JOURNAL, useValue: journal },
        {
          // the table ticket-api's Idempotency-Keys live in, so a key means one request across both
          provide: IdempotencyStore,
          useValue: new IdempotencyStore(pool, config.IDEMPOTENCY_TTL_HOURS),
        },
        UploadIdempotency,
        IdAllocator,
        TicketCommandRunner,
        TicketAdmission,
        StorageBootstrap,
        OrphanSweepService,
        UploadAttachmentHandler,
        DownloadAttachmentHandler,
      ],
    })
    class AppModule {}
    return AppModule;
  }
}
