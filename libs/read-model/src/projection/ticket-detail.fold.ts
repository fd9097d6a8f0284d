import { authorLabel } from '@app/domain';
import type { TicketEvent } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { THREAD_PAGE_SIZE, withThread } from '../ticket.responses';
import type { AttachmentResponse, MessageResponse, TicketResponse } from '../ticket.responses';

type Detail = Omit<TicketResponse, 'messages' | 'attachments' | 'olderMessages'>;

const iso = (at: string): string => new Date(at).toISOString();

/** The events of one stream from version 1 up to the first hole: the ticket as it stood after them. */
export function contiguousPrefix<T extends { streamVersion: number }>(events: readonly T[]): T[] {
  const prefix: T[] = [];
  for (const stored of events) {
    if (stored.streamVersion !== prefix.length + 1) break;
    prefix.push(stored);
  }
  return prefix;
}

/**
 * The ticket detail folded in memory from its events, in the shape GET /api/Ticket/{id} answers from the read
 * model: the same fields, attachments ordered by id, the latest `pageSize` messages each with its attachments.
 */
export function foldTicketDetail(
  events: readonly StoredEvent<TicketEvent>[],
  pageSize = THREAD_PAGE_SIZE,
): TicketResponse | null {
  let ticket: Detail | null = null;
  const messages: Omit<MessageResponse, 'attachments'>[] = [];
  const attachments: AttachmentResponse[] = [];
  for (const { event, streamVersion } of events) {
    const at = iso(event.metadata.occurredAt);
    if (event.type === 'TicketOpened') {
      const d = event.data;
      ticket = {
        id: d.ticketId,
        accountId: d.accountId,
        subject: d.subject,
        description: d.description,
        topic: d.topic,
        propertyId: d.propertyId,
        status: 'Open',
        createdAt: at,
        updatedAt: at,
        resolvedAt: null,
        closedAt: null,
        version: streamVersion,
      };
      continue;
    }
    if (!ticket) continue;
    ticket = { ...ticket, updatedAt: at, version: streamVersion };
    switch (event.type) {
      case 'MessageAdded':
        messages.push({
          id: event.data.messageId,
          ticketId: event.data.ticketId,
          message: event.data.message,
          authorType: event.data.authorType,
          authorLabel: authorLabel(event.data.authorType),
          createdAt: at,
        });
        break;
      case 'AttachmentAdded': {
        const d = event.data;
        attachments.push({
          id: d.attachmentId,
          ticketId: d.ticketId,
          messageId: d.messageId,
          fileName: d.fileName,
          contentType: d.contentType,
          size: d.size,
          sha256: d.sha256,
          uploadedBy: d.uploadedBy,
          uploadedByLabel: authorLabel(d.uploadedBy),
          createdAt: at,
        });
        break;
      }
      case 'TicketReopened':
        ticket = { ...ticket, status: 'Open', resolvedAt: null };
        break;
      case 'TicketResolved':
        ticket = { ...ticket, status: 'Resolved', resolvedAt: at };
        break;
      case 'TicketStatusChanged':
        ticket = { ...ticket, status: event.data.to };
        break;
      case 'TicketClosed':
        ticket = { ...ticket, status: 'Closed', closedAt: at };
        break;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled event ${(unhandled as { type: string }).type}`);
      }
    }
  }
  return ticket && withThread(ticket, messages, attachments, messages.length, pageSize);
}
