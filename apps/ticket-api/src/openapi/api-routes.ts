import type { TICKET_ROUTES_CATALOG } from '@app/ticket-http';
import { TICKET_STATUSES } from '@app/domain';
import { LIMITS } from '../tickets/shared/text-limits';
import { AddMessageRequest } from '../tickets/add-message/add-message.request';
import { ChangeStatusRequest } from '../tickets/change-status/change-status.request';
import { OpenTicketRequest } from '../tickets/open-ticket/open-ticket.request';

type ErrorCode = keyof typeof TICKET_ROUTES_CATALOG;

export interface ApiRoute {
  readonly method: 'get' | 'post';
  /** Fastify's form of the path, as the route table holds it. */
  readonly path: string;
  readonly summary: string;
  readonly body?: new () => object;
  readonly multipart?: boolean;
  readonly query?: Record<string, { schema: object; description: string; required?: boolean }>;
  readonly success: { status: number; schema?: string; description: string; binary?: boolean };
  /** Takes no accountId: the route is about the key itself. */
  readonly keyOnly?: boolean;
  /** Answers 304 to an If-None-Match naming the current version. */
  readonly conditionalGet?: boolean;
  readonly errors: readonly ErrorCode[];
}

const CURSOR = { type: 'string', pattern: '^[A-Za-z0-9_-]{1,32}$' };

const AUTH: ErrorCode[] = ['UNAUTHENTICATED', 'ACCOUNT_FORBIDDEN', 'VALIDATION_FAILED'];
const COMMAND: ErrorCode[] = [
  ...AUTH,
  'TICKET_NOT_FOUND',
  'PRECONDITION_FAILED',
  'IDEMPOTENCY_KEY_REUSED',
  'IDEMPOTENCY_KEY_IN_PROGRESS',
  'CONCURRENCY_CONFLICT',
];

/** Every public route with its statuses; a test fails when the app has a route this table lacks. */
export const API_ROUTES: readonly ApiRoute[] = [
  {
    method: 'get',
    path: '/api/me',
    summary: "Who the API key belongs to: role, account (null for staff) and the key's prefix",
    keyOnly: true,
    success: { status: 200, schema: 'Me', description: 'The key as the API sees it.' },
    errors: ['UNAUTHENTICATED'],
  },
  {
    method: 'post',
    path: '/api/Ticket',
    summary: 'Open a ticket',
    body: OpenTicketRequest,
    success: { status: 201, schema: 'Ticket', description: 'The ticket, with Location and ETag.' },
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
      limit: {
        schema: { type: 'integer', minimum: 1, maximum: 100, default: 20 },
        description: 'Page size.',
      },
      cursor: { schema: CURSOR, description: 'nextCursor of the previous page.' },
    },
    success: { status: 200, schema: 'TicketPage', description: 'One page of tickets.' },
    errors: AUTH,
  },
  {
    method: 'get',
    path: '/api/Ticket/:id',
    summary: 'Get a ticket with its thread and attachments',
    query: {
      minVersion: {
        schema: { type: 'integer', minimum: 1 },
        description:
          'Wait (up to 3 s) until the read model has reached this version: read your own writes.',
      },
      asOf: {
        schema: { type: 'string', format: 'date-time' },
        description: 'The ticket as it was at this instant, folded from its events.',
      },
    },
    conditionalGet: true,
    success: {
      status: 200,
      schema: 'Ticket',
      description: 'The ticket, with its version as ETag.',
    },
    errors: [...AUTH, 'TICKET_NOT_FOUND', 'READ_MODEL_BEHIND'],
  },
  {
    method: 'get',
    path: '/api/Ticket/:id/history',
    summary: 'Every event of a ticket, in order (audit trail)',
    query: {
      limit: { schema: { type: 'integer', minimum: 1, maximum: 100 }, description: 'Page size.' },
      cursor: { schema: CURSOR, description: 'nextCursor of the previous page.' },
    },
    success: { status: 200, schema: 'HistoryPage', description: 'One page of events.' },
    errors: [...AUTH, 'TICKET_NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/Ticket/:id/message',
    summary: 'Reply to a ticket (a customer reply to a Resolved ticket reopens it)',
    body: AddMessageRequest,
    success: { status: 201, schema: 'CreatedMessage', description: 'The created message.' },
    errors: [...COMMAND, 'MESSAGE_REQUIRED', 'TICKET_CLOSED', 'MALFORMED_BODY'],
  },
  {
    method: 'post',
    path: '/api/Ticket/:id/close',
    summary: 'Close a ticket (any status but Closed)',
    success: { status: 200, schema: 'TicketStatus', description: 'The closed ticket.' },
    errors: [...COMMAND, 'TICKET_ALREADY_CLOSED'],
  },
  {
    method: 'post',
    path: '/api/Ticket/:id/resolve',
    summary: 'Resolve a ticket (staff only)',
    success: { status: 200, schema: 'TicketStatus', description: 'The resolved ticket.' },
    errors: [...COMMAND, 'ROLE_NOT_ALLOWED', 'TICKET_CLOSED', 'INVALID_STATUS_TRANSITION'],
  },
  {
    method: 'post',
    path: '/api/Ticket/:id/status',
    summary: 'Move a ticket to Open, InProgress or AwaitingCustomer (staff only)',
    body: ChangeStatusRequest,
    success: { status: 200, schema: 'TicketStatus', description: 'The ticket in its new status.' },
    errors: [...COMMAND, 'ROLE_NOT_ALLOWED', 'TICKET_CLOSED', 'INVALID_STATUS_TRANSITION'],
  },
  {
    method: 'post',
    path: '/api/Ticket/:id/attachment',
    summary: 'Upload one file (multipart field `file`, optional `messageId`), at most 10 MB',
    multipart: true,
    success: { status: 201, schema: 'UploadedAttachment', description: 'The stored attachment.' },
    errors: [
      ...COMMAND,
      'FILE_TOO_LARGE',
      'TICKET_CLOSED',
      'MESSAGE_NOT_FOUND',
      'TOO_MANY_UPLOADS',
      'PAYLOAD_TOO_LARGE',
    ],
  },
  {
    method: 'get',
    path: '/api/Ticket/:id/attachment/:attachmentId',
    summary: 'Download an attachment (supports Range)',
    success: {
      status: 200,
      description: 'The file, streamed; 206 for a Range request.',
      binary: true,
    },
    errors: [...AUTH, 'TICKET_NOT_FOUND', 'ATTACHMENT_NOT_FOUND', 'RANGE_NOT_SATISFIABLE'],
  },
];
