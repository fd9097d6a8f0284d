import type { TicketStatus } from '../api/types';

const STATUS_TEXT: Record<TicketStatus, string> = {
  Open: 'Open',
  InProgress: 'In progress',
  AwaitingCustomer: 'Awaiting customer',
  Resolved: 'Resolved',
  Closed: 'Closed',
};

export const statusText = (status: TicketStatus): string => STATUS_TEXT[status];

export function StatusBadge({ status }: { status: TicketStatus }) {
  return (
    <span className={`badge status-${status}`} data-testid="status-badge">
      {statusText(status)}
    </span>
  );
}

export function TopicBadge({ topic }: { topic: string }) {
  return (
    <span className="badge topic" data-testid="topic-badge">
      {topic}
    </span>
  );
}
