import { TICKET_EVENT_TYPES, TICKET_PRIORITIES, TICKET_STATUSES } from '@app/domain';
import { MESSAGE_CURSOR_PATTERN, THREAD_PAGE_SIZE } from '@app/read-model';

const str = { type: 'string' };
const dateTime = { type: 'string', format: 'date-time' };
const nullable = (schema: object) => ({ oneOf: [schema, { type: 'null' }] });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const role = { type: 'string', enum: ['customer', 'staff'] };
const label = { type: 'string', enum: ['You', 'Support Team'] };
const hash = { type: 'string', pattern: '^[0-9a-f]{64}$' };
const MICROS = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}Z$';

const object = (properties: Record<string, unknown>) => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
});

const ticketFields = {
  id: { type: 'integer' },
  accountId: str,
  subject: str,
  description: str,
  topic: str,
  propertyId: nullable(str),
  status: { type: 'string', enum: TICKET_STATUSES },
  createdAt: dateTime,
  updatedAt: dateTime,
  resolvedAt: nullable(dateTime),
  closedAt: nullable(dateTime),
  version: {
    type: 'integer',
    description:
      "Number of events of the ticket (a customer key's count leaves the staff-only ones out); its ETag.",
  },
};

const priority = { type: 'string', enum: TICKET_PRIORITIES };
const assignee = {
  oneOf: [
    object({ agentId: { type: 'integer' }, name: str }),
    object({ group: str }),
    { type: 'null' },
  ],
  description: 'An agent, a group, or null when nobody is assigned.',
};

/** Priority and assignee: in the answers to staff keys only, never to a customer key. */
const staffOnly = (schema: { type: string; properties: object; required: string[] }) => ({
  ...schema,
  properties: {
    ...schema.properties,
    priority: { ...priority, description: 'Staff keys only; new tickets are normal.' },
    assignee: { ...assignee, description: `Staff keys only. ${assignee.description}` },
  },
});

const attachmentFields = {
  id: { type: 'integer' },
  ticketId: { type: 'integer' },
  messageId: nullable({ type: 'integer' }),
  fileName: str,
  contentType: str,
  size: { type: 'integer' },
  sha256: str,
  uploadedBy: role,
  uploadedByLabel: label,
  createdAt: dateTime,
};

const messageFields = {
  id: { type: 'integer' },
  ticketId: { type: 'integer' },
  message: str,
  authorType: role,
  authorLabel: label,
  createdAt: dateTime,
  attachments: { type: 'array', items: ref('Attachment') },
};

const eventType = { type: 'string', enum: TICKET_EVENT_TYPES };

const publicEventFields = {
  eventId: { type: 'string', format: 'uuid' },
  version: {
    type: 'integer',
    description:
      "The ticket's version after the event; a customer key reads no staff-only event " +
      '(InternalNoteAdded, NoteAttachmentAdded, TicketAssigned, TicketPriorityChanged) and counts without them.',
  },
  type: eventType,
  occurredAt: dateTime,
  recordedAt: dateTime,
  actor: object({ role, label }),
  data: { type: 'object', additionalProperties: true },
};

const webhookFields = {
  id: { type: 'integer' },
  url: { type: 'string', format: 'uri' },
  eventTypes: nullable({ type: 'array', items: eventType }),
  createdAt: dateTime,
  disabledAt: nullable(dateTime),
  disabledReason: nullable(str),
};

const agentFields = {
  id: { type: 'integer', description: 'Stable: the agentId of an assignment.' },
  name: str,
  groups: { type: 'array', items: str, description: 'Group names, sorted.' },
};

export const RESPONSE_SCHEMAS = {
  Me: object({
    role,
    accountId: nullable(str),
    keyPrefix: str,
    agent: {
      ...nullable(ref('Agent')),
      description: "A staff key's agent; null when it has none.",
    },
  }),
  Agent: object(agentFields),
  AgentList: object({ items: { type: 'array', items: ref('Agent') } }),
  Attachment: object(attachmentFields),
  UploadedAttachment: object({ ...attachmentFields, ticketVersion: { type: 'integer' } }),
  Message: {
    ...object(messageFields),
    properties: {
      ...messageFields,
      internal: {
        type: 'boolean',
        description:
          'Staff keys only: true for an internal note, false for a reply. A customer key never sees a note.',
      },
    },
  },
  CreatedMessage: object({ ...messageFields, ticketVersion: { type: 'integer' } }),
  CreatedNote: object({
    ...messageFields,
    internal: { type: 'boolean', const: true },
    ticketVersion: { type: 'integer' },
  }),
  Ticket: staffOnly({
    ...object({
      ...ticketFields,
      attachments: { type: 'array', items: ref('Attachment'), description: 'Every attachment.' },
      messages: {
        type: 'array',
        items: ref('Message'),
        description: `The latest ${THREAD_PAGE_SIZE} messages at most, oldest first.`,
      },
      olderMessages: nullable(ref('OlderMessages')),
    }),
  }),
  OlderMessages: {
    ...object({
      count: { type: 'integer', minimum: 1, description: 'How many messages come before.' },
      cursor: {
        type: 'string',
        pattern: MESSAGE_CURSOR_PATTERN,
        description: 'The `before` of GET /api/Ticket/{id}/messages that fetches them.',
      },
    }),
    description: 'The messages before a page; null when the page starts the thread.',
  },
  MessagePage: object({
    ticketId: { type: 'integer' },
    items: {
      type: 'array',
      items: ref('Message'),
      description: 'The messages just before the cursor, oldest first.',
    },
    olderMessages: nullable(ref('OlderMessages')),
  }),
  TicketSummary: staffOnly(object({ ...ticketFields, messageCount: { type: 'integer' } })),
  QueueItem: object({
    ticketId: { type: 'integer' },
    accountId: str,
    subject: str,
    status: { type: 'string', enum: TICKET_STATUSES },
    priority,
    assignee,
    lastMessageAuthor: {
      ...role,
      description: 'Who spoke last (the opening counts as a message).',
    },
    lastMessageAt: dateTime,
  }),
  QueuePage: object({
    items: {
      type: 'array',
      items: ref('QueueItem'),
      description: 'Urgent first, then by priority; within one, the oldest last message first.',
    },
    nextCursor: nullable(str),
  }),
  QueueCounts: object({
    views: {
      type: 'array',
      items: object({ view: str, count: { type: 'integer', minimum: 0 } }),
      description:
        'open, unassigned, mine, awaiting-staff, then group:<name> for every known group.',
    },
  }),
  TicketTriage: object({
    id: { type: 'integer' },
    status: { type: 'string', enum: TICKET_STATUSES },
    priority,
    assignee,
    version: { type: 'integer' },
  }),
  TicketPage: object({
    items: { type: 'array', items: ref('TicketSummary') },
    nextCursor: nullable(str),
  }),
  TicketStatus: object({
    id: { type: 'integer' },
    status: { type: 'string', enum: TICKET_STATUSES },
    resolvedAt: nullable(dateTime),
    closedAt: nullable(dateTime),
    version: { type: 'integer' },
  }),
  HistoryPage: object({
    ticketId: { type: 'integer' },
    items: { type: 'array', items: ref('PublicEvent') },
    nextCursor: nullable(str),
  }),
  PublicEvent: object(publicEventFields),
  ExportedEvent: object({
    eventId: { type: 'string', format: 'uuid' },
    streamId: str,
    version: { type: 'integer', minimum: 1 },
    globalPosition: { type: 'string', pattern: '^[0-9]+$' },
    type: str,
    schemaVersion: { type: 'integer' },
    occurredAt: {
      ...str,
      pattern: MICROS,
      description: 'UTC with microseconds, as the chain hashes it.',
    },
    recordedAt: { ...str, pattern: MICROS },
    data: { type: 'object', additionalProperties: true, description: 'As stored (not upcast).' },
    metadata: {
      type: 'object',
      additionalProperties: true,
      description: 'As the chain holds it: actor.apiKeyId as "sha256:" and its digest.',
    },
    prevHash: nullable(hash),
    hash: nullable(hash),
  }),
  HistoryExport: object({
    format: { type: 'string', enum: ['ticket-history-export/1'] },
    ticketId: { type: 'integer' },
    accountId: str,
    exportedAt: dateTime,
    chain: object({
      encoding: { type: 'string', enum: ['event/1'] },
      eventCount: { type: 'integer', minimum: 1 },
      headVersion: { type: 'integer', minimum: 1 },
      headHash: nullable(hash),
    }),
    events: {
      type: 'array',
      items: ref('ExportedEvent'),
      description: 'Every event, in version order.',
    },
    signature: object({
      algorithm: { type: 'string', enum: ['Ed25519'] },
      keyId: str,
      value: { type: 'string', description: 'Base64 of the detached signature.' },
    }),
  }),
  AuditKey: object({
    keyId: str,
    algorithm: { type: 'string', enum: ['Ed25519'] },
    publicKey: { type: 'string', description: 'Base64 of the 32 bytes of the public key.' },
    current: { type: 'boolean', description: 'New exports are signed with it.' },
  }),
  AuditKeys: object({ items: { type: 'array', items: ref('AuditKey') } }),
  FeedItem: object({
    ticketId: { type: 'integer' },
    accountId: str,
    ...publicEventFields,
  }),
  FeedPage: object({
    items: { type: 'array', items: ref('FeedItem') },
    nextCursor: { type: 'string', description: 'Where the next read starts; on every page.' },
  }),
  Webhook: object(webhookFields),
  RegisteredWebhook: object({
    ...webhookFields,
    secret: {
      oneOf: [{ type: 'string', pattern: '^whsec_[A-Za-z0-9+/=]+$' }, { type: 'null' }],
      description:
        'The signing secret (Standard Webhooks), shown in this first answer only: null when the answer ' +
        'is an Idempotency-Key replay (Idempotent-Replayed: true), which never shows it again.',
    },
  }),
  WebhookList: object({ items: { type: 'array', items: ref('Webhook') } }),
  Delivery: object({
    id: { type: 'integer' },
    webhookId: { type: 'integer' },
    messageId: { type: 'string', description: 'The webhook-id header, the same on every attempt.' },
    eventId: { type: 'string', format: 'uuid' },
    eventType: eventType,
    ticketId: { type: 'integer' },
    status: { type: 'string', enum: ['pending', 'succeeded', 'failed'] },
    attempts: { type: 'integer' },
    nextAttemptAt: nullable(dateTime),
    lastAttemptAt: nullable(dateTime),
    lastStatusCode: nullable({ type: 'integer' }),
    lastError: nullable(str),
    deliveredAt: nullable(dateTime),
    createdAt: dateTime,
  }),
  DeliveryPage: object({
    items: { type: 'array', items: ref('Delivery') },
    nextCursor: nullable(str),
  }),
  Problem: {
    type: 'object',
    description: 'RFC 9457 problem details; `detail` carries the documented message.',
    properties: {
      type: { type: 'string', format: 'uri' },
      title: str,
      status: { type: 'integer' },
      detail: str,
      code: str,
      instance: str,
      errors: {
        type: 'array',
        items: object({ field: str, messages: { type: 'array', items: str } }),
      },
    },
    required: ['type', 'title', 'status', 'detail', 'code'],
  },
};
