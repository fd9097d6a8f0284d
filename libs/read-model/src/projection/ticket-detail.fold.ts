import { authorLabel, DEFAULT_PRIORITY, isVisibleTo } from '@app/domain';
import type { ActorRole, TicketEvent } from '@app/domain';
import type { StoredEvent } from '@app/event-store';
import { THREAD_PAGE_SIZE, withThread } from '../ticket.responses';
import { attachmentRow } from './ticket.projection';
import type { AttachmentResponse, MessageResponse, TicketResponse } from '../ticket.responses';

type Detail = Omit<TicketResponse, 'messages' | 'attachments' | 'olderMessages'>;

const iso = (at: string): string => new Date(at).toISOString();

/**
 * The ticket detail folded in memory from its events, in the shape GET /api/Ticket/{id} answers from the read
 * model: the same fields, attachments ordered by id, the latest `pageSize` messages each with its attachments.
 */
export function foldTicketDetail(
  events: readonly StoredEvent<TicketEvent>[],
  reader: ActorRole,
  pageSize = THREAD_PAGE_SIZE,
): TicketResponse | null {
  const fold = new TicketDetailFold(reader, pageSize);
  for (const stored of events) fold.add(stored);
  return fold.result();
}

type ThreadMessage = Omit<MessageResponse, 'attachments'>;

/**
 * The same fold, fed events a page at a time: it keeps only what the answer holds (the ticket, its attachments,
 * the `pageSize` messages with the highest ids and a count of the rest), so a long thread is never all in memory.
 */
export class TicketDetailFold {
  private ticket: Detail | null = null;
  /** The latest messages by id, ascending, at most pageSize of them. */
  private readonly latest: ThreadMessage[] = [];
  private messageCount = 0;
  private readonly attachments: AttachmentResponse[] = [];

  /** Events this reader sees, counted as its version (a customer's leaves the staff-only ones out). */
  private seen = 0;

  constructor(
    private readonly reader: ActorRole,
    private readonly pageSize = THREAD_PAGE_SIZE,
  ) {}

  add({ event }: StoredEvent<TicketEvent>): void {
    if (!isVisibleTo(this.reader, event)) return;
    this.seen += 1;
    const at = iso(event.metadata.occurredAt);
    if (event.type === 'TicketOpened') {
      const d = event.data;
      this.ticket = {
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
        priority: DEFAULT_PRIORITY,
        assignee: null,
        version: this.seen,
      };
      return;
    }
    if (!this.ticket) return;
    // a staff-only event is not a change a customer could see: updatedAt stays
    const staffOnly = !isVisibleTo('customer', event);
    const ticket: Detail = {
      ...this.ticket,
      updatedAt: staffOnly ? this.ticket.updatedAt : at,
      version: this.seen,
    };
    this.ticket = ticket;
    switch (event.type) {
      case 'MessageAdded':
        this.keep({
          id: event.data.messageId,
          ticketId: event.data.ticketId,
          message: event.data.message,
          authorType: event.data.authorType,
          authorLabel: authorLabel(event.data.authorType),
          createdAt: at,
          ...(this.reader === 'staff' ? { internal: false } : {}),
        });
        return;
      case 'InternalNoteAdded':
        this.keep({
          id: event.data.noteId,
          ticketId: event.data.ticketId,
          message: event.data.note,
          authorType: 'staff',
          authorLabel: authorLabel('staff'),
          createdAt: at,
          internal: true,
        });
        return;
      case 'AttachmentAdded':
      case 'NoteAttachmentAdded': {
        const d = attachmentRow(event);
        this.attachments.push({
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
        return;
      }
      case 'TicketReopened':
        this.ticket = { ...ticket, status: 'Open', resolvedAt: null };
        return;
      case 'TicketResolved':
        this.ticket = { ...ticket, status: 'Resolved', resolvedAt: at };
        return;
      case 'TicketStatusChanged':
        this.ticket = { ...ticket, status: event.data.to };
        return;
      case 'TicketClosed':
        this.ticket = { ...ticket, status: 'Closed', closedAt: at };
        return;
      case 'TicketAssigned':
        this.ticket = { ...ticket, assignee: event.data.assignee };
        return;
      case 'TicketPriorityChanged':
        this.ticket = { ...ticket, priority: event.data.to };
        return;
      default: {
        const unhandled: never = event;
        throw new Error(`unhandled event ${(unhandled as { type: string }).type}`);
      }
    }
  }

  result(): TicketResponse | null {
    return (
      this.ticket &&
      withThread(this.ticket, this.latest, this.attachments, this.messageCount, this.pageSize)
    );
  }

  /** Ids mostly grow along the stream, so this is a push and a shift; an older id is placed or dropped. */
  private keep(message: ThreadMessage): void {
    this.messageCount += 1;
    const full = this.latest.length >= this.pageSize;
    if (full && message.id < this.latest[0].id) return;
    let at = this.latest.length;
    while (at > 0 && this.latest[at - 1].id > message.id) at -= 1;
    this.latest.splice(at, 0, message);
    if (this.latest.length > this.pageSize) this.latest.shift();
  }
}
