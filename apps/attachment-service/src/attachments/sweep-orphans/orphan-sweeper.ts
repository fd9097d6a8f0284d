import { Logger } from '@nestjs/common';
import type { ObjectStorage } from '../../storage/object-storage.port';
import type { AttachmentReferences } from './attachment-references';

export const ORPHAN_SWEEPER = Symbol('ORPHAN_SWEEPER');

export interface SweepReport {
  /** Objects no event names, deleted. */
  removed: string[];
  /** Keys of unfinished multipart uploads, aborted. */
  aborted: string[];
  /** Objects old enough to sweep but named by an event, kept. */
  kept: number;
}

const ATTACHMENT_KEY = /^uploads\/tickets\/(\d+)\/[^/]+$/;
const BATCH = 500;

/**
 * Removes what a crash or a failed delete left behind: objects older than the grace period that no
 * AttachmentAdded event names, and multipart uploads started longer ago than that and never finished.
 * The grace period outlasts any upload in flight, whose object may exist a moment before its event.
 */
export class OrphanSweeper {
  private readonly logger = new Logger('OrphanSweeper');

  constructor(
    private readonly storage: ObjectStorage,
    private readonly references: AttachmentReferences,
    private readonly graceMs: number,
  ) {}

  async sweep(options: { prefix?: string; now?: Date } = {}): Promise<SweepReport> {
    const prefix = options.prefix ?? 'uploads/tickets/';
    const cutoff = (options.now ?? new Date()).getTime() - this.graceMs;
    const report: SweepReport = { removed: [], aborted: [], kept: 0 };
    let batch: { ticketId: number; objectKey: string }[] = [];
    for await (const object of this.storage.list(prefix)) {
      const ticketId = ATTACHMENT_KEY.exec(object.key)?.[1];
      if (ticketId === undefined || object.lastModified.getTime() > cutoff) continue;
      batch.push({ ticketId: Number(ticketId), objectKey: object.key });
      if (batch.length === BATCH) {
        await this.removeUnreferenced(batch, report);
        batch = [];
      }
    }
    await this.removeUnreferenced(batch, report);
    for await (const upload of this.storage.listUnfinishedUploads(prefix)) {
      if (upload.initiated.getTime() > cutoff) continue;
      await this.storage.abortUpload(upload);
      report.aborted.push(upload.key);
    }
    if (report.removed.length + report.aborted.length > 0) {
      this.logger.log(
        `removed ${report.removed.length} orphaned objects, aborted ${report.aborted.length} unfinished uploads`,
      );
    }
    return report;
  }

  private async removeUnreferenced(
    batch: { ticketId: number; objectKey: string }[],
    report: SweepReport,
  ): Promise<void> {
    if (batch.length === 0) return;
    const referenced = await this.references.referenced(batch);
    const orphans = batch.map((b) => b.objectKey).filter((key) => !referenced.has(key));
    await this.storage.remove(orphans);
    report.removed.push(...orphans);
    report.kept += referenced.size;
  }
}
