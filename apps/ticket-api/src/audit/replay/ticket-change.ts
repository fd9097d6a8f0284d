import type { Assignee, Ticket, TicketEvent } from '@app/domain';

const MAX_TEXT = 60;

const quoted = (text: string): string =>
  JSON.stringify(text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text);

/** What the event itself says, in a few words. */
function said(event: TicketEvent): string | null {
  switch (event.type) {
    case 'TicketOpened':
      return `subject ${quoted(event.data.subject)}, topic ${event.data.topic}`;
    case 'MessageAdded':
      return `message ${event.data.messageId} by ${event.data.authorType}: ${quoted(event.data.message)}`;
    case 'AttachmentAdded':
      return `attachment ${event.data.attachmentId} ${quoted(event.data.fileName)} (${event.data.size} bytes)`;
    case 'NoteAttachmentAdded':
      return `attachment ${event.data.attachmentId} ${quoted(event.data.fileName)} (${event.data.size} bytes) on note ${event.data.noteId}`;
    case 'InternalNoteAdded':
      return `note ${event.data.noteId}: ${quoted(event.data.note)}`;
    case 'TicketReopened':
      return `reason ${event.data.reason}`;
    case 'TicketStatusChanged':
    case 'TicketAssigned':
    case 'TicketPriorityChanged':
    case 'TicketResolved':
    case 'TicketClosed':
      return null;
    default: {
      const unhandled: never = event;
      return unhandled;
    }
  }
}

const assigneeLabel = (assignee: Assignee | null): string =>
  assignee === null
    ? 'nobody'
    : 'agentId' in assignee
      ? `agent ${assignee.agentId} (${quoted(assignee.name)})`
      : `group ${assignee.group}`;

const fields = (t: Ticket) =>
  t.kind === 'Empty'
    ? {
        status: '(none)',
        resolvedAt: null,
        closedAt: null,
        messages: 0,
        attachments: 0,
        notes: 0,
        priority: '(none)',
        assignee: 'nobody',
      }
    : {
        status: t.status,
        resolvedAt: t.resolvedAt,
        closedAt: t.closedAt,
        messages: t.messageIds.size,
        attachments: t.attachmentIds.size,
        notes: t.noteIds.size,
        priority: t.priority,
        assignee: assigneeLabel(t.assignee),
      };

/** The event's words, then every field of the folded state it changed, `before -> after`. */
export function describeChange(before: Ticket, after: Ticket, event: TicketEvent): string[] {
  const [was, is] = [fields(before), fields(after)];
  const changed = (Object.keys(is) as (keyof typeof is)[])
    .filter((key) => was[key] !== is[key])
    .map((key) => `${key} ${String(was[key])} -> ${String(is[key])}`);
  const words = said(event);
  return [...(words ? [words] : []), ...(changed.length ? changed : ['state unchanged'])];
}
