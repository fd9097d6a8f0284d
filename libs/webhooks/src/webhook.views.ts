import type { TicketEventType } from '@app/domain';

/** A registered endpoint as the API shows it; its secret is shown once, when it is registered. */
export interface WebhookEndpointView {
  id: number;
  url: string;
  /** null: every event type. */
  eventTypes: TicketEventType[] | null;
  createdAt: string;
  disabledAt: string | null;
  disabledReason: string | null;
}

export type DeliveryStatus = 'pending' | 'succeeded' | 'failed';

export interface DeliveryView {
  id: number;
  webhookId: number;
  /** The webhook-id header: the same on every attempt, so a receiver can drop duplicates. */
  messageId: string;
  eventId: string;
  eventType: TicketEventType;
  ticketId: number;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** What the dispatcher sends: the Standard Webhooks payload shape, with the feed entry as data. */
export interface WebhookPayload {
  type: TicketEventType;
  timestamp: string;
  data: unknown;
}
