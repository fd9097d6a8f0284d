export const EXPORT_FORMAT = 'ticket-history-export/1';

/** An event as the chain hashed it: `metadata` with `actor.apiKeyId` as its digest. */
export interface ExportedEvent {
  eventId: string;
  streamId: string;
  version: number;
  globalPosition: string;
  type: string;
  schemaVersion: number;
  occurredAt: string;
  recordedAt: string;
  data: unknown;
  metadata: unknown;
  prevHash: string | null;
  hash: string | null;
}

export interface HistoryExport {
  format: typeof EXPORT_FORMAT;
  ticketId: number;
  accountId: string;
  exportedAt: string;
  chain: { encoding: 'event/1'; eventCount: number; headVersion: number; headHash: string | null };
  events: ExportedEvent[];
  signature: { algorithm: 'Ed25519'; keyId: string; value: string };
}
