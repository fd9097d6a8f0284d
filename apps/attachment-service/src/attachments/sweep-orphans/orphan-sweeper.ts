import { Logger } from '@nestjs/common';
import type { ObjectStorage } from '../../storage/object-storage.port';
import type { UploadJournal } from '../shared/upload-journal';

export const ORPHAN_SWEEPER = Symbol('ORPHAN_SWEEPER');

export interface SweepReport {
  /** Keys no event names: their objects deleted and unfinished uploads aborted. */
  removed: string[];
  /** Unfinished multipart uploads among them, aborted. */
  abortedUploads: number;
  /** Keys an event names: the upload had finished, only its journal entry is dropped. */
  kept: string[];
}

const BATCH = 200;

/**
 * Cleans up after uploads that a crash (or a failed delete) interrupted: every journal entry older than the
 * grace period whose key no AttachmentAdded event names loses its object and its unfinished multipart
 * upload. The grace period outlasts any upload in flight, whose object exists a moment before its event.
 */
export class OrphanSweeper {
  private readonly logger = new Logger('OrphanSweeper');

  constructor(
    private readonly storage: ObjectStorage,
    private readonly journal: UploadJournal,
    private readonly graceMs: number,
  ) {}

  async sweep(options: { now?: Date; ticketId?: number } = {}): Promise<SweepReport> {
    const before = new Date((options.now ?? new Date()).getTime() - this.graceMs);
    const report: SweepReport = { removed: [], abortedUploads: 0, kept: [] };
    for (;;) {
      const stale = await this.journal.stale(before, BATCH, options.ticketId);
      const orphans = stale.filter((s) => !s.referenced).map((s) => s.objectKey);
      const { abortedUploads } = await this.storage.discard(orphans);
      await this.journal.close(stale.map((s) => s.objectKey));
      report.removed.push(...orphans);
      report.abortedUploads += abortedUploads;
      report.kept.push(...stale.filter((s) => s.referenced).map((s) => s.objectKey));
      if (stale.length < BATCH) break;
    }
    if (report.removed.length > 0) {
      this.logger.log(
        `removed ${report.removed.length} orphaned uploads (${report.abortedUploads} unfinished)`,
      );
    }
    return report;
  }
}
