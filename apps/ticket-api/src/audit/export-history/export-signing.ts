import { canonicalJson } from '@app/event-store';
import { EXPORT_FORMAT } from './export-history.response';
import type { HistoryExport } from './export-history.response';

/** What the signature covers (docs/audit.md); scripts/audit/verify-export.ts writes the same. */
export const exportSigningText = (
  e: Omit<HistoryExport, 'events' | 'signature' | 'format'>,
  keyId: string,
): string =>
  canonicalJson([
    EXPORT_FORMAT,
    e.ticketId,
    e.accountId,
    e.exportedAt,
    keyId,
    e.chain.eventCount,
    e.chain.headVersion,
    e.chain.headHash,
  ]);
