import type { TICKET_ROUTES_CATALOG } from '@app/ticket-http';
import { TICKET_STATUSES } from '@app/domain';
import { THREAD_PAGE_SIZE } from '@app/read-model';
import {
  deliveryCursor,
  historyCursor,
  messageCursor,
  ticketListCursor,
} from '../tickets/shared/page-cursor';
import type { PageCursor } from '../tickets/shared/page-cursor';
import { LIMITS } from '../tickets/shared/text-limits';
import { QUEUE_CURSOR_PATTERN } from '../queue/queue-cursor';
import { QUEUE_VIEW_PATTERN } from '../queue/queue-views';
import { DEFAULT_WAIT_LIMITS } from '../waits/wait-limits';
import { AddMessageRequest } from '../tickets/add-message/add-message.request';
import { AddNoteRequest } from '../tickets/add-note/add-note.request';
import { ChangeStatusRequest } from '../tickets/change-status/change-status.request';
import { AssignTicketRequest } from '../tickets/assign-ticket/assign-ticket.request';
import { ChangePriorityRequest } from '../tickets/change-priority/change-priority.request';
import { OpenTicketRequest } from '../tickets/open-ticket/open-ticket.request';
import { RegisterWebhookRequest } from '../webhooks/register-webhook/register-webhook.request';
import {
  EVENT_TYPE_LIST,
  FEED_CURSOR,
  FEED_MAX_PAGE,
  FEED_MAX_WAIT_SECONDS,
} from '../feed/read-feed/read-feed.request';

type ErrorCode = keyof typeof TICKET_ROUTES_CATALOG;

export type ResponseHeader = 'ETag' | 'Location' | 'Retry-After';

export interface ApiRoute {
  readonly method: 'get' | 'post' | 'delete';
  /** The name a generated client gives the call. */
  readonly operationId: string;
  /** Fastify's form of the path, as the route table holds it. */
  readonly path: string;
  readonly summary: string;
  readonly body?: new () => object;
  readonly multipart?: boolean;
  readonly query?: Record<string, { schema: object; description: string; required?: boolean }>;
  readonly success: {
    status: number;
    schema?: string;
    description: string;
    binary?: boolean;
    headers?: readonly ResponseHeader[];
  };
  /** accountId=* reads every account (staff keys). */
  readonly allAccounts?: boolean;
  /** Takes no accountId: the route is about the key itself. */
  readonly keyOnly?: boolean;
  /** Answers 304 to an If-None-Match naming the current version. */
  readonly conditionalGet?: boolean;
  readonly errors: readonly ErrorCode[];
}

/** The largest version a request may name (history cursors carry at most 9 digits). */
export const MAX_VERSION = 999_999_999;

/** limit and cursor, as every paginated route takes them (PageQueryParams). */
const pageQuery = (cursor: PageCursor) => ({
  limit: { schema: { type: 'integer', minimum: 1, maximum: 100 }, description: 'Page size.' },
  cursor: {
    schema: { type: 'string', pattern: cursor.pattern },
    description: 'nextCursor of the previous page.',
  },
});

/** A GET of one page of a list: limit and cursor in, one page and its nextCursor out. */
const pagedRead = ({
  cursor,
  page,
  ...route
}: Pick<ApiRoute, 'path' | 'operationId' | 'summary' | 'errors'> & {
  cursor: PageCursor;
  page: { schema: string; description: string };
}): ApiRoute => ({
  ...route,
  method: 'get',
  query: pageQuery(cursor),
  success: { status: 200, ...page },
});

const AUTH: ErrorCode[] = [
  'UNAUTHENTICATED',
  'ACCOUNT_FORBIDDEN',
  'VALIDATION_FAILED',
  'RATE_LIMITED',
  'SERVICE_UNAVAILABLE',
];
const COMMAND: ErrorCode[] = [
  ...AUTH,
  'TICKET_NOT_FOUND',
  'PRECONDITION_FAILED',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_PROGRESS',
  'CONCURRENCY_CONFLICT',
  'TICKET_BUSY',
];

/** Every public route with its statuses; a test fails when the app has a route this table lacks. */
export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/api/me',
    operationId: 'whoAmI',
    summary: "Who the API key belongs to: role, account (null for staff) and the key's prefix",
    keyOnly: true,
    success: { status: 200, schema: 'Me', description: 'The key as the API sees it.' },
    errors: ['UNAUTHENTICATED'],
  },
  {
    method: 'get',
    path: '/api/agents',
    operationId: 'listAgents',
    summary: 'Every agent with its groups (staff only): whom a ticket can be assigned to',
    keyOnly: true,
    success: { status: 200, schema: 'AgentList', description: 'Every agent, by name.' },
    errors: ['UNAUTHENTICATED', 'ROLE_NOT_ALLOWED', 'SERVICE_UNAVAILABLE'],
  },
  {
    method: 'get',
    path: '/api/queue',
    operationId: 'readQueue',
    summary:
      'The staff queue across every account (staff only): not Closed tickets, urgent first, then the one ' +
      'whose last message is oldest',
    keyOnly: true,
    query: {
      view: {
        schema: { type: 'string', pattern: QUEUE_VIEW_PATTERN, default: 'open' },
        description:
          "open (every status but Closed), unassigned, mine (assigned to the key's agent; empty for a key " +
          'without one), awaiting-staff (the customer spoke last) or group:<name> (assigned to the group).',
      },
      limit: {
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
        description: 'Page size.',
      },
      cursor: {
        schema: { type: 'string', pattern: QUEUE_CURSOR_PATTERN },
        description: 'nextCursor of the previous page (of the same view).',
      },
    },
    success: { status: 200, schema: 'QueuePage', description: 'One page of the view.' },
    errors: ['UNAUTHENTICATED', 'ROLE_NOT_ALLOWED', 'VALIDATION_FAILED', 'SERVICE_UNAVAILABLE'],
  },
  {
    method: 'get',
    path: '/api/queue/counts',
    operationId: 'countQueue',
    summary: 'How many tickets each queue view holds (staff only)',
    keyOnly: true,
    success: { status: 200, schema: 'QueueCounts', description: 'Every view with its count.' },
    errors: ['UNAUTHENTICATED', 'ROLE_NOT_ALLOWED', 'SERVICE_UNAVAILABLE'],
  },
  {
    method: 'post',
    path: '/api/Ticket',
    operationId: 'openTicket',
    summary: 'Open a ticket',
    body: OpenTicketRequest,
    success: {
      status: 201,
      schema: 'Ticket',
      description: 'The ticket, with Location and ETag.',
      headers: ['ETag', 'Location'],
    },
    errors: [
      ...AUTH,
      'MALFORMED_BODY',
      'PAYLOAD_TOO_LARGE',
      'IDEMPOTENCY_KEY_REUSED',
      'IDEMPOTENCY_KEY_IN_PROGRESS',
    ],
  },
  {
    method: 'get',
    path: '/api/Ticket',
    operationId: 'listTickets',
    summary: 'List the tickets of an account, newest first',
    query: {
      status: {
        schema: { type: 'string', enum: TICKET_STATUSES },
        description: 'Only tickets in this status.',
      },
      topic: {
        schema: {
          type: 'string',
          maxLength: LIMITS.topic,
          pattern: '^[^\\u0000-\\u001f\\u007f]*$',
        },
        description: 'Only tickets of this topic.',
      },
      updatedSince: {
        schema: { type: 'string', format: 'date-time' },
        description: 'Only tickets changed at or after this instant: cheap polling.',
      },
      limit: {
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
        description: 'Page size.',
      },
      cursor: {
        schema: { type: 'string', pattern: ticketListCursor.pattern },
        description: 'nextCursor of the previous page.',
      },
    },
    success: { status: 200, schema: 'TicketPage', description: 'One page of tickets.' },
    errors: AUTH,
  },
  {
    method: 'get',
    path: '/api/Ticket/:id',
    operationId: 'getTicket',
    summary: `Get a ticket with its attachments and the latest ${THREAD_PAGE_SIZE} messages (olderMessages: how to fetch the rest)`,
    query: {
      minVersion: {
        schema: { type: 'integer', minimum: 1, maximum: MAX_VERSION },
        description:
          'Wait (up to 3 s) until the read model has reached this version: read your own writes ' +
          '(503 READ_MODEL_BEHIND with Retry-After when it has not). A ticket that does not exist for ' +
          'this account is 404 at once; a version the ticket has never reached is 409 MIN_VERSION_AHEAD ' +
          "at once. A waiting read holds one of the key's places: beyond " +
          `${DEFAULT_WAIT_LIMITS.minVersion.perKey} per key on an instance it is 429 TOO_MANY_WAITS, ` +
          "beyond the instance's 503 WAIT_CAPACITY_REACHED, both with Retry-After. " +
          'Cannot be combined with asOf (400).',
      },
      asOf: {
        schema: { type: 'string', format: 'date-time' },
        description:
          'The ticket as it was at this instant, folded from its events. Cannot be combined with ' +
          'minVersion (400): the event store is always current.',
      },
    },
    conditionalGet: true,
    success: {
      status: 200,
      schema: 'Ticket',
      description: 'The ticket, with its version as ETag.',
      headers: ['ETag'],
    },
    errors: [
      ...AUTH,
      'TICKET_NOT_FOUND',
      'READ_MODEL_BEHIND',
      'MIN_VERSION_AHEAD',
      'TOO_MANY_WAITS',
      'WAIT_CAPACITY_REACHED',
    ],
  },
  {
    method: 'get',
    path: '/api/Ticket/:id/messages',
    operationId: 'listTicketMessages',
    summary:
      'Older messages of a ticket: the `limit` messages just before `before`, oldest first (thread order)',
    query: {
      before: {
        schema: { type: 'string', pattern: messageCursor.pattern },
        description:
          'olderMessages.cursor of the ticket or of the previous page; absent: the latest messages.',
      },
      limit: {
        schema: { type: 'integer', minimum: 1, maximum: 100, default: THREAD_PAGE_SIZE },
        description: 'Page size.',
      },
    },
    success: {
      status: 200,
      schema: 'MessagePage',
      description:
        'One page of messages, each with its attachments; olderMessages is null at the start.',
    },
    errors: [...AUTH, 'TICKET_NOT_FOUND'],
  },
  pagedRead({
    path: '/api/Ticket/:id/history',
    operationId: 'getTicketHistory',
    summary: 'Every event of a ticket, in order (audit trail)',
    cursor: historyCursor,
    page: { schema: 'HistoryPage', description: 'One page of events.' },
    errors: [...AUTH, 'TICKET_NOT_FOUND'],
  }),
  {
    method: 'get',
    path: '/api/Ticket/:id/history/export',
    operationId: 'exportTicketHistory',
    summary:
      'The whole history of a ticket with its hash chain and an Ed25519 signature over the chain head ' +
      'and the export (docs/audit.md), staff keys only (the chain holds the internal notes); check it ' +
      'offline with scripts/audit/verify-export.ts',
    success: { status: 200, schema: 'HistoryExport', description: 'The signed export.' },
    errors: [...AUTH, 'TICKET_NOT_FOUND', 'ROLE_NOT_ALLOWED'],
  },
  {
    method: 'get',
    path: '/api/audit/keys',
    operationId: 'listAuditKeys',
    summary: 'The public keys history exports are signed with, retired ones included',
    keyOnly: true,
    success: { status: 200, schema: 'AuditKeys', description: 'The keys, the current one marked.' },
    errors: ['UNAUTHENTICATED'],
  },
  {
    method: 'post',
    path: '/api/Ticket/:id/message',
    operationId: 'addMessage',
    summary: 'Reply to a ticket (a customer reply to a Resolved ticket reopens it)',
    body: AddMessageRequest,
    success: {
      status: 201,
      schema: 'CreatedMessage',
      description: 'The created message.',
      headers: ['ETag', 'Location'],
    },
    errors: [
      ...COMMAND,
      'MESSAGE_REQUIRED',
      'TICKET_CLOSED',
      'MALFORMED_BODY',
      'MESSAGE_LIMIT_REACHED',
    ],
  },
  {
    method: 'post',
    path: '/api/Ticket/:id/note',
    operationId: 'addInternalNote',
    summary:
      'Add an internal note to the thread (staff only): staff readers see it with "internal": true; a ' +
      'customer key never sees it, nor any version, count or event it adds. Changes no status',
    body: AddNoteRequest,
    success: {
      status: 201,
      schema: 'CreatedNote',
      description: 'The created note.',
      headers: ['ETag', 'Location'],
    },
    errors: [
      ...COMMAND,
      'ROLE_NOT_ALLOWED',
      'NOTE_REQUIRED',
      'TICKET_CLOSED',
      'MALFORMED_BODY',
      'NOTE_LIMIT_REACHED',
    ],
  },
  {
    method: 'post',
    path: '/api/Ticket/:id/close',
    operationId: 'closeTicket',
    summary: 'Close a ticket (any status but Closed)',
    success: {
      status: 200,
      schema: 'TicketStatus',
      description: 'The closed ticket.',
      headers: ['ETag'],
    },
    errors: [...COMMAND, 'TICKET_ALREADY_CLOSED'],
  },
  {
    method: 'post',
    path: '/api/Ticket/:id/resolve',
    operationId: 'resolveTicket',
    summary: 'Resolve a ticket (staff only)',
    success: {
      status: 200,
      schema: 'TicketStatus',
      description: 'The resolved ticket.',
      headers: ['ETag'],
    },
    errors: [...COMMAND, 'ROLE_NOT_ALLOWED', 'TICKET_CLOSED', 'INVALID_STATUS_TRANSITION'],
  },
  {
    method: 'post',
    path: '/api/Ticket/:id/status',
    operationId: 'changeTicketStatus',
    summary: 'Move a ticket to Open, InProgress or AwaitingCustomer (staff only)',
    body: ChangeStatusRequest,
    success: {
      status: 200,
      schema: 'TicketStatus',
      description: 'The ticket in its new status.',
      headers: ['ETag'],
    },
    errors: [...COMMAND, 'ROLE_NOT_ALLOWED', 'TICKET_CLOSED', 'INVALID_STATUS_TRANSITION'],
  },
  {
    method: 'post',
    path: '/api/Ticket/:id/assign',
    operationId: 'assignTicket',
    summary:
      'Assign a ticket (staff only): `{ "agentId": n }`, `{ "group": "name" }` or `{ "agentId": null }` ' +
      'to unassign; exactly one of the two. Assigning to the current assignee is 200 with no new event.',
    body: AssignTicketRequest,
    success: {
      status: 200,
      schema: 'TicketTriage',
      description: 'The ticket with its assignee.',
      headers: ['ETag'],
    },
    errors: [...COMMAND, 'ROLE_NOT_ALLOWED', 'TICKET_CLOSED', 'AGENT_NOT_FOUND', 'MALFORMED_BODY'],
  },
  {
    method: 'post',
    path: '/api/Ticket/:id/priority',
    operationId: 'changeTicketPriority',
    summary:
      'Set the priority: low, normal, high or urgent (staff only); the current one is 200 with no new event',
    body: ChangePriorityRequest,
    success: {
      status: 200,
      schema: 'TicketTriage',
      description: 'The ticket with its priority.',
      headers: ['ETag'],
    },
    errors: [...COMMAND, 'ROLE_NOT_ALLOWED', 'TICKET_CLOSED', 'MALFORMED_BODY'],
  },
  {
    method: 'post',
    path: '/api/Ticket/:id/attachment',
    operationId: 'uploadAttachment',
    summary:
      'Upload one file (multipart field `file`, optional `messageId`, or `noteId` for an internal note, ' +
      'staff only), at most 10 MB',
    multipart: true,
    success: {
      status: 201,
      schema: 'UploadedAttachment',
      description: 'The stored attachment.',
      headers: ['ETag', 'Location'],
    },
    errors: [
      ...COMMAND,
      'FILE_TOO_LARGE',
      'TICKET_CLOSED',
      'MESSAGE_NOT_FOUND',
      'NOTE_NOT_FOUND',
      'ROLE_NOT_ALLOWED',
      'ATTACHMENT_LIMIT_REACHED',
      'TOO_MANY_UPLOADS',
      'PAYLOAD_TOO_LARGE',
    ],
  },
  {
    method: 'get',
    path: '/api/Ticket/:id/attachment/:attachmentId',
    operationId: 'downloadAttachment',
    summary: 'Download an attachment (supports Range)',
    success: {
      status: 200,
      description: 'The file, streamed; 206 for a Range request.',
      binary: true,
    },
    errors: [
      ...AUTH,
      'TICKET_NOT_FOUND',
      'ATTACHMENT_NOT_FOUND',
      'ATTACHMENT_ERASED',
      'RANGE_NOT_SATISFIABLE',
    ],
  },
  {
    method: 'get',
    path: '/api/events',
    operationId: 'readEventFeed',
    summary:
      "The account's events in one total order (change feed); accountId=* for every account (staff)",
    allAccounts: true,
    query: {
      after: {
        schema: { type: 'string', pattern: FEED_CURSOR.source },
        description:
          'nextCursor of the previous page; absent: from the first event; `now`: only what comes next.',
      },
      limit: {
        schema: { type: 'integer', minimum: 1, maximum: FEED_MAX_PAGE, default: 100 },
        description: 'Page size.',
      },
      types: {
        schema: { type: 'string', pattern: EVENT_TYPE_LIST.source },
        description: 'Comma-separated event types to keep.',
      },
      wait: {
        schema: { type: 'integer', minimum: 0, maximum: FEED_MAX_WAIT_SECONDS, default: 0 },
        description:
          'Seconds to wait for an event when there is none yet (long-poll). A waiting long-poll holds ' +
          `one of the key's places: beyond ${DEFAULT_WAIT_LIMITS.feed.perKey} per key on an instance it ` +
          "is 429 TOO_MANY_WAITS, beyond the instance's 503 WAIT_CAPACITY_REACHED, both with Retry-After.",
      },
    },
    success: { status: 200, schema: 'FeedPage', description: 'One page of events.' },
    errors: [...AUTH, 'TOO_MANY_WAITS', 'WAIT_CAPACITY_REACHED'],
  },
  {
    method: 'post',
    path: '/api/webhooks',
    operationId: 'registerWebhook',
    summary: 'Register a webhook endpoint; the signing secret is in this response only',
    body: RegisterWebhookRequest,
    success: {
      status: 201,
      schema: 'RegisteredWebhook',
      description: 'The endpoint and its secret.',
      headers: ['Location'],
    },
    errors: [
      ...AUTH,
      'WEBHOOK_TARGET_REFUSED',
      'WEBHOOK_LIMIT_REACHED',
      'IDEMPOTENCY_KEY_REUSED',
      'IDEMPOTENCY_KEY_IN_PROGRESS',
    ],
  },
  {
    method: 'get',
    path: '/api/webhooks',
    operationId: 'listWebhooks',
    summary: 'The webhook endpoints of an account',
    success: { status: 200, schema: 'WebhookList', description: 'Every endpoint.' },
    errors: AUTH,
  },
  {
    method: 'delete',
    path: '/api/webhooks/:id',
    operationId: 'deleteWebhook',
    summary: 'Remove a webhook endpoint and its delivery log',
    success: { status: 204, description: 'Removed.' },
    errors: [...AUTH, 'WEBHOOK_NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/webhooks/:id/deliveries/:deliveryId/redeliver',
    operationId: 'redeliverWebhook',
    summary: 'Send a delivery again (re-enables a disabled endpoint)',
    success: { status: 202, schema: 'Delivery', description: 'The delivery, pending again.' },
    errors: [
      ...AUTH,
      'DELIVERY_NOT_FOUND',
      'IDEMPOTENCY_KEY_REUSED',
      'IDEMPOTENCY_KEY_IN_PROGRESS',
    ],
  },
  pagedRead({
    path: '/api/webhooks/:id/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: 'The delivery log of an endpoint, newest first',
    cursor: deliveryCursor,
    page: { schema: 'DeliveryPage', description: 'One page of deliveries.' },
    errors: [...AUTH, 'WEBHOOK_NOT_FOUND'],
  }),
];
