import { Inject } from '@nestjs/common';
import { QueryHandler } from '@nestjs/cqrs';
import type { IQueryHandler } from '@nestjs/cqrs';
import type { Pool } from 'pg';
import { TicketErrors, ticketStreamId } from '@app/domain';
import { readChainPage } from '@app/event-store';
import type { ChainedEvent, ChainPosition } from '@app/event-store';
import { PG_POOL } from '@app/platform/db/database';
import { AUDIT_SIGNING_KEYRING } from '../signing/audit-signing-keyring';
import type { AuditSigningKeyring } from '../signing/audit-signing-keyring';
import { ExportHistoryQuery } from './export-history.query';
import { EXPORT_FORMAT } from './export-history.response';
import type { ExportedEvent, HistoryExport } from './export-history.response';
import { exportSigningText } from './export-signing';

const PAGE = 1_000;

const exported = (e: ChainedEvent): ExportedEvent => ({
  eventId: e.eventId,
  streamId: e.streamId,
  version: e.version,
  globalPosition: e.globalPosition,
  type: e.type,
  schemaVersion: e.schemaVersion,
  occurredAt: e.occurredAt,
  recordedAt: e.recordedAt,
  data: JSON.parse(e.dataText) as unknown,
  metadata: JSON.parse(e.metadataText) as unknown,
  prevHash: e.prevHash,
  hash: e.hash,
});

/**
 * The whole history as stored, with its chain, signed; staff keys only: the chain covers every event, the
 * internal notes too, and a customer never sees one (an export without them would not verify).
 */
@QueryHandler(ExportHistoryQuery)
export class ExportHistoryHandler implements IQueryHandler<ExportHistoryQuery, HistoryExport> {
  constructor(
    @Inject(PG_POOL) private readonly pool: Pool,
    @Inject(AUDIT_SIGNING_KEYRING) private readonly keyring: AuditSigningKeyring,
  ) {}

  async execute({ ticketId, accountId, reader }: ExportHistoryQuery): Promise<HistoryExport> {
    if (reader !== 'staff') throw TicketErrors.staffOnly("export a ticket's signed history");
    const streamId = ticketStreamId(ticketId);
    const events: ExportedEvent[] = [];
    for (let after: ChainPosition | null = null; ;) {
      const page = await readChainPage(this.pool, after, PAGE, streamId);
      events.push(...page.map(exported));
      const opening = events[0];
      if (
        opening?.type !== 'TicketOpened' ||
        (opening.data as { accountId?: unknown }).accountId !== accountId
      ) {
        throw TicketErrors.notFound(ticketId);
      }
      if (page.length < PAGE) break;
      after = { streamId, version: page[page.length - 1].version };
    }
    const head = events[events.length - 1];
    const unsigned = {
      ticketId,
      accountId,
      exportedAt: new Date().toISOString(),
      chain: {
        encoding: 'event/1' as const,
        eventCount: events.length,
        headVersion: head.version,
        headHash: head.hash,
      },
    };
    const keyId = this.keyring.currentKeyId;
    return {
      format: EXPORT_FORMAT,
      ...unsigned,
      events,
      signature: {
        algorithm: 'Ed25519',
        keyId,
        value: this.keyring.sign(exportSigningText(unsigned, keyId)),
      },
    };
  }
}
