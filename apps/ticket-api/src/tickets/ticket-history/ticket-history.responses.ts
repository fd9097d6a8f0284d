import type { PublicEvent } from '@app/event-feed';

export interface TicketHistoryPage {
  ticketId: number;
  items: PublicEvent[];
  nextCursor: string | null;
}

export const encodeHistoryCursor = (version: number): string =>
  Buffer.from(`h:${version}`).toString('base64url');

export const decodeHistoryCursor = (cursor: string): number | undefined => {
  const match = /^h:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : undefined;
};
