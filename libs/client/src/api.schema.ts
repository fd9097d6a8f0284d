// Generated from /api/openapi.json by `npm run client:generate`; do not edit.
export interface paths {
  '/api/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Who the API key belongs to: role, account (null for staff) and the key's prefix */
    get: operations['whoAmI'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/Ticket': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** List the tickets of an account, newest first */
    get: operations['listTickets'];
    put?: never;
    /** Open a ticket */
    post: operations['openTicket'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/Ticket/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Get a ticket with its attachments and the latest 100 messages (olderMessages: how to fetch the rest) */
    get: operations['getTicket'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/Ticket/{id}/messages': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Older messages of a ticket: the `limit` messages just before `before`, oldest first (thread order) */
    get: operations['listTicketMessages'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/Ticket/{id}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Every event of a ticket, in order (audit trail) */
    get: operations['getTicketHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/Ticket/{id}/message': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Reply to a ticket (a customer reply to a Resolved ticket reopens it) */
    post: operations['addMessage'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/Ticket/{id}/close': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Close a ticket (any status but Closed) */
    post: operations['closeTicket'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/Ticket/{id}/resolve': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Resolve a ticket (staff only) */
    post: operations['resolveTicket'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/Ticket/{id}/status': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Move a ticket to Open, InProgress or AwaitingCustomer (staff only) */
    post: operations['changeTicketStatus'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/Ticket/{id}/attachment': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Upload one file (multipart field `file`, optional `messageId`), at most 10 MB */
    post: operations['uploadAttachment'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/Ticket/{id}/attachment/{attachmentId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Download an attachment (supports Range) */
    get: operations['downloadAttachment'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/events': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The account's events in one total order (change feed); accountId=* for every account (staff) */
    get: operations['readEventFeed'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/webhooks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The webhook endpoints of an account */
    get: operations['listWebhooks'];
    put?: never;
    /** Register a webhook endpoint; the signing secret is in this response only */
    post: operations['registerWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/webhooks/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Remove a webhook endpoint and its delivery log */
    delete: operations['deleteWebhook'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/webhooks/{id}/deliveries': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The delivery log of an endpoint, newest first */
    get: operations['listWebhookDeliveries'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/webhooks/{id}/deliveries/{deliveryId}/redeliver': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Send a delivery again (re-enables a disabled endpoint) */
    post: operations['redeliverWebhook'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    Me: {
      /** @enum {string} */
      role: 'customer' | 'staff';
      accountId: string | null;
      keyPrefix: string;
    };
    Attachment: {
      id: number;
      ticketId: number;
      messageId: number | null;
      fileName: string;
      contentType: string;
      size: number;
      sha256: string;
      /** @enum {string} */
      uploadedBy: 'customer' | 'staff';
      /** @enum {string} */
      uploadedByLabel: 'You' | 'Support Team';
      /** Format: date-time */
      createdAt: string;
    };
    UploadedAttachment: {
      id: number;
      ticketId: number;
      messageId: number | null;
      fileName: string;
      contentType: string;
      size: number;
      sha256: string;
      /** @enum {string} */
      uploadedBy: 'customer' | 'staff';
      /** @enum {string} */
      uploadedByLabel: 'You' | 'Support Team';
      /** Format: date-time */
      createdAt: string;
      ticketVersion: number;
    };
    Message: {
      id: number;
      ticketId: number;
      message: string;
      /** @enum {string} */
      authorType: 'customer' | 'staff';
      /** @enum {string} */
      authorLabel: 'You' | 'Support Team';
      /** Format: date-time */
      createdAt: string;
      attachments: components['schemas']['Attachment'][];
    };
    CreatedMessage: {
      id: number;
      ticketId: number;
      message: string;
      /** @enum {string} */
      authorType: 'customer' | 'staff';
      /** @enum {string} */
      authorLabel: 'You' | 'Support Team';
      /** Format: date-time */
      createdAt: string;
      attachments: components['schemas']['Attachment'][];
      ticketVersion: number;
    };
    Ticket: {
      id: number;
      accountId: string;
      subject: string;
      description: string;
      topic: string;
      propertyId: string | null;
      /** @enum {string} */
      status: 'Open' | 'InProgress' | 'AwaitingCustomer' | 'Resolved' | 'Closed';
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      resolvedAt: string | null;
      closedAt: string | null;
      /** @description Number of events of the ticket; its ETag. */
      version: number;
      /** @description Every attachment. */
      attachments: components['schemas']['Attachment'][];
      /** @description The latest 100 messages at most, oldest first. */
      messages: components['schemas']['Message'][];
      olderMessages: components['schemas']['OlderMessages'] | null;
    };
    /** @description The messages before a page; null when the page starts the thread. */
    OlderMessages: {
      /** @description How many messages come before. */
      count: number;
      /** @description The `before` of GET /api/Ticket/{id}/messages that fetches them. */
      cursor: string;
    };
    MessagePage: {
      ticketId: number;
      /** @description The messages just before the cursor, oldest first. */
      items: components['schemas']['Message'][];
      olderMessages: components['schemas']['OlderMessages'] | null;
    };
    TicketSummary: {
      id: number;
      accountId: string;
      subject: string;
      description: string;
      topic: string;
      propertyId: string | null;
      /** @enum {string} */
      status: 'Open' | 'InProgress' | 'AwaitingCustomer' | 'Resolved' | 'Closed';
      /** Format: date-time */
      createdAt: string;
      /** Format: date-time */
      updatedAt: string;
      resolvedAt: string | null;
      closedAt: string | null;
      /** @description Number of events of the ticket; its ETag. */
      version: number;
      messageCount: number;
    };
    TicketPage: {
      items: components['schemas']['TicketSummary'][];
      nextCursor: string | null;
    };
    TicketStatus: {
      id: number;
      /** @enum {string} */
      status: 'Open' | 'InProgress' | 'AwaitingCustomer' | 'Resolved' | 'Closed';
      resolvedAt: string | null;
      closedAt: string | null;
      version: number;
    };
    HistoryPage: {
      ticketId: number;
      items: components['schemas']['PublicEvent'][];
      nextCursor: string | null;
    };
    PublicEvent: {
      /** Format: uuid */
      eventId: string;
      version: number;
      /** @enum {string} */
      type:
        | 'TicketOpened'
        | 'MessageAdded'
        | 'TicketReopened'
        | 'TicketResolved'
        | 'TicketClosed'
        | 'TicketStatusChanged'
        | 'AttachmentAdded';
      /** Format: date-time */
      occurredAt: string;
      /** Format: date-time */
      recordedAt: string;
      actor: {
        /** @enum {string} */
        role: 'customer' | 'staff';
        /** @enum {string} */
        label: 'You' | 'Support Team';
      };
      data: {
        [key: string]: unknown;
      };
    };
    FeedItem: {
      ticketId: number;
      accountId: string;
      /** Format: uuid */
      eventId: string;
      version: number;
      /** @enum {string} */
      type:
        | 'TicketOpened'
        | 'MessageAdded'
        | 'TicketReopened'
        | 'TicketResolved'
        | 'TicketClosed'
        | 'TicketStatusChanged'
        | 'AttachmentAdded';
      /** Format: date-time */
      occurredAt: string;
      /** Format: date-time */
      recordedAt: string;
      actor: {
        /** @enum {string} */
        role: 'customer' | 'staff';
        /** @enum {string} */
        label: 'You' | 'Support Team';
      };
      data: {
        [key: string]: unknown;
      };
    };
    FeedPage: {
      items: components['schemas']['FeedItem'][];
      /** @description Where the next read starts; on every page. */
      nextCursor: string;
    };
    Webhook: {
      id: number;
      /** Format: uri */
      url: string;
      eventTypes:
        | (
            | 'TicketOpened'
            | 'MessageAdded'
            | 'TicketReopened'
            | 'TicketResolved'
            | 'TicketClosed'
            | 'TicketStatusChanged'
            | 'AttachmentAdded'
          )[]
        | null;
      /** Format: date-time */
      createdAt: string;
      disabledAt: string | null;
      disabledReason: string | null;
    };
    RegisteredWebhook: {
      id: number;
      /** Format: uri */
      url: string;
      eventTypes:
        | (
            | 'TicketOpened'
            | 'MessageAdded'
            | 'TicketReopened'
            | 'TicketResolved'
            | 'TicketClosed'
            | 'TicketStatusChanged'
            | 'AttachmentAdded'
          )[]
        | null;
      /** Format: date-time */
      createdAt: string;
      disabledAt: string | null;
      disabledReason: string | null;
      /** @description The signing secret (Standard Webhooks); shown only here. */
      secret: string;
    };
    WebhookList: {
      items: components['schemas']['Webhook'][];
    };
    Delivery: {
      id: number;
      webhookId: number;
      /** @description The webhook-id header, the same on every attempt. */
      messageId: string;
      /** Format: uuid */
      eventId: string;
      /** @enum {string} */
      eventType:
        | 'TicketOpened'
        | 'MessageAdded'
        | 'TicketReopened'
        | 'TicketResolved'
        | 'TicketClosed'
        | 'TicketStatusChanged'
        | 'AttachmentAdded';
      ticketId: number;
      /** @enum {string} */
      status: 'pending' | 'succeeded' | 'failed';
      attempts: number;
      nextAttemptAt: string | null;
      lastAttemptAt: string | null;
      lastStatusCode: number | null;
      lastError: string | null;
      deliveredAt: string | null;
      /** Format: date-time */
      createdAt: string;
    };
    DeliveryPage: {
      items: components['schemas']['Delivery'][];
      nextCursor: string | null;
    };
    /** @description RFC 9457 problem details; `detail` carries the documented message. */
    Problem: {
      /** Format: uri */
      type: string;
      title: string;
      status: number;
      detail: string;
      code: string;
      instance?: string;
      errors?: {
        field: string;
        messages: string[];
      }[];
    };
  };
  responses: never;
  parameters: {
    /** @description The account the request acts for; a customer key may act only for its own. */
    accountId: string;
    /** @description The account to read; `*` reads every account (staff keys only). */
    accountIdOrAll: string;
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  whoAmI: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The key as the API sees it. */
      200: {
        headers: {
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Me'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTickets: {
    parameters: {
      query: {
        /** @description The account the request acts for; a customer key may act only for its own. */
        accountId: components['parameters']['accountId'];
        /** @description Only tickets in this status. */
        status?: 'Open' | 'InProgress' | 'AwaitingCustomer' | 'Resolved' | 'Closed';
        /** @description Only tickets of this topic. */
        topic?: string;
        /** @description Only tickets changed at or after this instant: cheap polling. */
        updatedSince?: string;
        /** @description Page size. */
        limit?: number;
        /** @description nextCursor of the previous page. */
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of tickets. */
      200: {
        headers: {
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketPage'];
        };
      };
      /** @description VALIDATION_FAILED: Validation failed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  openTicket: {
    parameters: {
      query: {
        /** @description The account the request acts for; a customer key may act only for its own. */
        accountId: components['parameters']['accountId'];
      };
      header?: {
        /** @description Runs the request once per API key: the same key and body replay the first response, the same key with another body is 422 IDEMPOTENCY_KEY_REUSED, and while the first still runs 409. */
        'Idempotency-Key'?: string;
        /** @description The version (ETag) the ticket must be at; 412 PRECONDITION_FAILED when it has moved on. */
        'If-Match'?: '*' | string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          subject: string & unknown;
          description: string & unknown;
          topic: string & unknown;
          propertyId?: string;
        };
      };
    };
    responses: {
      /** @description The ticket, with Location and ETag. */
      201: {
        headers: {
          /** @description The ticket's version, quoted: send it back as If-Match. */
          ETag?: string;
          /** @description Where the created resource is read. */
          Location?: string;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Ticket'];
        };
      };
      /** @description VALIDATION_FAILED: Validation failed; MALFORMED_BODY: Malformed request body */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IDEMPOTENCY_KEY_IN_PROGRESS: Request in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IDEMPOTENCY_KEY_REUSED: Idempotency key reused */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getTicket: {
    parameters: {
      query: {
        /** @description The account the request acts for; a customer key may act only for its own. */
        accountId: components['parameters']['accountId'];
        /** @description Wait (up to 3 s) until the read model has reached this version: read your own writes. A ticket that does not exist for this account is 404 at once. Cannot be combined with asOf (400). */
        minVersion?: number;
        /** @description The ticket as it was at this instant, folded from its events. Cannot be combined with minVersion (400): the event store is always current. */
        asOf?: string;
      };
      header?: {
        /** @description The ETag the client holds: 304 while the ticket is still at that version. */
        'If-None-Match'?: string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The ticket, with its version as ETag. */
      200: {
        headers: {
          /** @description The ticket's version, quoted: send it back as If-Match. */
          ETag?: string;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Ticket'];
        };
      };
      /** @description Unchanged since the ETag sent. */
      304: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: Validation failed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description TICKET_NOT_FOUND: Ticket not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable; READ_MODEL_BEHIND: Read model behind */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listTicketMessages: {
    parameters: {
      query: {
        /** @description The account the request acts for; a customer key may act only for its own. */
        accountId: components['parameters']['accountId'];
        /** @description olderMessages.cursor of the ticket or of the previous page; absent: the latest messages. */
        before?: string;
        /** @description Page size. */
        limit?: number;
      };
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of messages, each with its attachments; olderMessages is null at the start. */
      200: {
        headers: {
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MessagePage'];
        };
      };
      /** @description VALIDATION_FAILED: Validation failed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description TICKET_NOT_FOUND: Ticket not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  getTicketHistory: {
    parameters: {
      query: {
        /** @description The account the request acts for; a customer key may act only for its own. */
        accountId: components['parameters']['accountId'];
        /** @description Page size. */
        limit?: number;
        /** @description nextCursor of the previous page. */
        cursor?: string;
      };
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of events. */
      200: {
        headers: {
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['HistoryPage'];
        };
      };
      /** @description VALIDATION_FAILED: Validation failed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description TICKET_NOT_FOUND: Ticket not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  addMessage: {
    parameters: {
      query: {
        /** @description The account the request acts for; a customer key may act only for its own. */
        accountId: components['parameters']['accountId'];
      };
      header?: {
        /** @description Runs the request once per API key: the same key and body replay the first response, the same key with another body is 422 IDEMPOTENCY_KEY_REUSED, and while the first still runs 409. */
        'Idempotency-Key'?: string;
        /** @description The version (ETag) the ticket must be at; 412 PRECONDITION_FAILED when it has moved on. */
        'If-Match'?: '*' | string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          message: string & unknown;
        };
      };
    };
    responses: {
      /** @description The created message. */
      201: {
        headers: {
          /** @description The ticket's version, quoted: send it back as If-Match. */
          ETag?: string;
          /** @description Where the created resource is read. */
          Location?: string;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CreatedMessage'];
        };
      };
      /** @description VALIDATION_FAILED: Validation failed; MESSAGE_REQUIRED: Message is required; TICKET_CLOSED: Ticket is closed; MALFORMED_BODY: Malformed request body */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description TICKET_NOT_FOUND: Ticket not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IDEMPOTENCY_KEY_IN_PROGRESS: Request in progress; CONCURRENCY_CONFLICT: Concurrent modification; MESSAGE_LIMIT_REACHED: Message limit reached */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description PRECONDITION_FAILED: Precondition failed */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IDEMPOTENCY_KEY_REUSED: Idempotency key reused */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable; TICKET_BUSY: Ticket busy */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  closeTicket: {
    parameters: {
      query: {
        /** @description The account the request acts for; a customer key may act only for its own. */
        accountId: components['parameters']['accountId'];
      };
      header?: {
        /** @description Runs the request once per API key: the same key and body replay the first response, the same key with another body is 422 IDEMPOTENCY_KEY_REUSED, and while the first still runs 409. */
        'Idempotency-Key'?: string;
        /** @description The version (ETag) the ticket must be at; 412 PRECONDITION_FAILED when it has moved on. */
        'If-Match'?: '*' | string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The closed ticket. */
      200: {
        headers: {
          /** @description The ticket's version, quoted: send it back as If-Match. */
          ETag?: string;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketStatus'];
        };
      };
      /** @description VALIDATION_FAILED: Validation failed; TICKET_ALREADY_CLOSED: Ticket is already closed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description TICKET_NOT_FOUND: Ticket not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IDEMPOTENCY_KEY_IN_PROGRESS: Request in progress; CONCURRENCY_CONFLICT: Concurrent modification */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description PRECONDITION_FAILED: Precondition failed */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IDEMPOTENCY_KEY_REUSED: Idempotency key reused */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable; TICKET_BUSY: Ticket busy */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  resolveTicket: {
    parameters: {
      query: {
        /** @description The account the request acts for; a customer key may act only for its own. */
        accountId: components['parameters']['accountId'];
      };
      header?: {
        /** @description Runs the request once per API key: the same key and body replay the first response, the same key with another body is 422 IDEMPOTENCY_KEY_REUSED, and while the first still runs 409. */
        'Idempotency-Key'?: string;
        /** @description The version (ETag) the ticket must be at; 412 PRECONDITION_FAILED when it has moved on. */
        'If-Match'?: '*' | string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The resolved ticket. */
      200: {
        headers: {
          /** @description The ticket's version, quoted: send it back as If-Match. */
          ETag?: string;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketStatus'];
        };
      };
      /** @description VALIDATION_FAILED: Validation failed; TICKET_CLOSED: Ticket is closed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden; ROLE_NOT_ALLOWED: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description TICKET_NOT_FOUND: Ticket not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IDEMPOTENCY_KEY_IN_PROGRESS: Request in progress; CONCURRENCY_CONFLICT: Concurrent modification; INVALID_STATUS_TRANSITION: Invalid status transition */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description PRECONDITION_FAILED: Precondition failed */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IDEMPOTENCY_KEY_REUSED: Idempotency key reused */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable; TICKET_BUSY: Ticket busy */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  changeTicketStatus: {
    parameters: {
      query: {
        /** @description The account the request acts for; a customer key may act only for its own. */
        accountId: components['parameters']['accountId'];
      };
      header?: {
        /** @description Runs the request once per API key: the same key and body replay the first response, the same key with another body is 422 IDEMPOTENCY_KEY_REUSED, and while the first still runs 409. */
        'Idempotency-Key'?: string;
        /** @description The version (ETag) the ticket must be at; 412 PRECONDITION_FAILED when it has moved on. */
        'If-Match'?: '*' | string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          /** @enum {unknown} */
          status: 'Open' | 'InProgress' | 'AwaitingCustomer';
        };
      };
    };
    responses: {
      /** @description The ticket in its new status. */
      200: {
        headers: {
          /** @description The ticket's version, quoted: send it back as If-Match. */
          ETag?: string;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TicketStatus'];
        };
      };
      /** @description VALIDATION_FAILED: Validation failed; TICKET_CLOSED: Ticket is closed; MALFORMED_BODY: Malformed request body */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden; ROLE_NOT_ALLOWED: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description TICKET_NOT_FOUND: Ticket not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IDEMPOTENCY_KEY_IN_PROGRESS: Request in progress; CONCURRENCY_CONFLICT: Concurrent modification; INVALID_STATUS_TRANSITION: Invalid status transition */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description PRECONDITION_FAILED: Precondition failed */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IDEMPOTENCY_KEY_REUSED: Idempotency key reused */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable; TICKET_BUSY: Ticket busy */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  uploadAttachment: {
    parameters: {
      query: {
        /** @description The account the request acts for; a customer key may act only for its own. */
        accountId: components['parameters']['accountId'];
      };
      header?: {
        /** @description Runs the request once per API key: the same key and body replay the first response, the same key with another body is 422 IDEMPOTENCY_KEY_REUSED, and while the first still runs 409. */
        'Idempotency-Key'?: string;
        /** @description The version (ETag) the ticket must be at; 412 PRECONDITION_FAILED when it has moved on. */
        'If-Match'?: '*' | string;
      };
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': {
          /** @description At most 10 MB (10,485,760 bytes); larger is 400 FILE_TOO_LARGE. */
          file: string;
          messageId?: number;
        };
      };
    };
    responses: {
      /** @description The stored attachment. */
      201: {
        headers: {
          /** @description The ticket's version, quoted: send it back as If-Match. */
          ETag?: string;
          /** @description Where the created resource is read. */
          Location?: string;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UploadedAttachment'];
        };
      };
      /** @description VALIDATION_FAILED: Validation failed; FILE_TOO_LARGE: File too large; TICKET_CLOSED: Ticket is closed; MALFORMED_BODY: Malformed request body */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description TICKET_NOT_FOUND: Ticket not found; MESSAGE_NOT_FOUND: Message not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IDEMPOTENCY_KEY_IN_PROGRESS: Request in progress; CONCURRENCY_CONFLICT: Concurrent modification; ATTACHMENT_LIMIT_REACHED: Attachment limit reached */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description PRECONDITION_FAILED: Precondition failed */
      412: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IDEMPOTENCY_KEY_REUSED: Idempotency key reused */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable; TICKET_BUSY: Ticket busy; TOO_MANY_UPLOADS: Too many uploads */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  downloadAttachment: {
    parameters: {
      query: {
        /** @description The account the request acts for; a customer key may act only for its own. */
        accountId: components['parameters']['accountId'];
      };
      header?: never;
      path: {
        id: number;
        attachmentId: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The file, streamed; 206 for a Range request. */
      200: {
        headers: {
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          '*/*': string;
        };
      };
      /** @description VALIDATION_FAILED: Validation failed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description TICKET_NOT_FOUND: Ticket not found; ATTACHMENT_NOT_FOUND: Attachment not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RANGE_NOT_SATISFIABLE: Range not satisfiable */
      416: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  readEventFeed: {
    parameters: {
      query: {
        /** @description The account to read; `*` reads every account (staff keys only). */
        accountId: components['parameters']['accountIdOrAll'];
        /** @description nextCursor of the previous page; absent: from the first event; `now`: only what comes next. */
        after?: string;
        /** @description Page size. */
        limit?: number;
        /** @description Comma-separated event types to keep. */
        types?: string;
        /** @description Seconds to wait for an event when there is none yet (long-poll). */
        wait?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of events. */
      200: {
        headers: {
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['FeedPage'];
        };
      };
      /** @description VALIDATION_FAILED: Validation failed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhooks: {
    parameters: {
      query: {
        /** @description The account the request acts for; a customer key may act only for its own. */
        accountId: components['parameters']['accountId'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Every endpoint. */
      200: {
        headers: {
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookList'];
        };
      };
      /** @description VALIDATION_FAILED: Validation failed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  registerWebhook: {
    parameters: {
      query: {
        /** @description The account the request acts for; a customer key may act only for its own. */
        accountId: components['parameters']['accountId'];
      };
      header?: {
        /** @description Runs the request once per API key: the same key and body replay the first response, the same key with another body is 422 IDEMPOTENCY_KEY_REUSED, and while the first still runs 409. */
        'Idempotency-Key'?: string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': {
          url: unknown;
          /** @enum {unknown} */
          eventTypes?:
            | 'TicketOpened'
            | 'MessageAdded'
            | 'TicketReopened'
            | 'TicketResolved'
            | 'TicketClosed'
            | 'TicketStatusChanged'
            | 'AttachmentAdded';
        };
      };
    };
    responses: {
      /** @description The endpoint and its secret. */
      201: {
        headers: {
          /** @description Where the created resource is read. */
          Location?: string;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RegisteredWebhook'];
        };
      };
      /** @description VALIDATION_FAILED: Validation failed; WEBHOOK_TARGET_REFUSED: Webhook target refused; MALFORMED_BODY: Malformed request body */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IDEMPOTENCY_KEY_IN_PROGRESS: Request in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description PAYLOAD_TOO_LARGE: Payload too large */
      413: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNSUPPORTED_MEDIA_TYPE: Unsupported media type */
      415: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IDEMPOTENCY_KEY_REUSED: Idempotency key reused */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  deleteWebhook: {
    parameters: {
      query: {
        /** @description The account the request acts for; a customer key may act only for its own. */
        accountId: components['parameters']['accountId'];
      };
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Removed. */
      204: {
        headers: {
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description VALIDATION_FAILED: Validation failed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description WEBHOOK_NOT_FOUND: Webhook not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  listWebhookDeliveries: {
    parameters: {
      query: {
        /** @description The account the request acts for; a customer key may act only for its own. */
        accountId: components['parameters']['accountId'];
        /** @description Page size. */
        limit?: number;
        /** @description nextCursor of the previous page. */
        cursor?: string;
      };
      header?: never;
      path: {
        id: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description One page of deliveries. */
      200: {
        headers: {
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DeliveryPage'];
        };
      };
      /** @description VALIDATION_FAILED: Validation failed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description WEBHOOK_NOT_FOUND: Webhook not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
  redeliverWebhook: {
    parameters: {
      query: {
        /** @description The account the request acts for; a customer key may act only for its own. */
        accountId: components['parameters']['accountId'];
      };
      header?: {
        /** @description Runs the request once per API key: the same key and body replay the first response, the same key with another body is 422 IDEMPOTENCY_KEY_REUSED, and while the first still runs 409. */
        'Idempotency-Key'?: string;
      };
      path: {
        id: number;
        deliveryId: number;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The delivery, pending again. */
      202: {
        headers: {
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Delivery'];
        };
      };
      /** @description VALIDATION_FAILED: Validation failed */
      400: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description UNAUTHENTICATED: Unauthenticated */
      401: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description ACCOUNT_FORBIDDEN: Forbidden */
      403: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description DELIVERY_NOT_FOUND: Delivery not found */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IDEMPOTENCY_KEY_IN_PROGRESS: Request in progress */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description IDEMPOTENCY_KEY_REUSED: Idempotency key reused */
      422: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description RATE_LIMITED: Too many requests */
      429: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          /** @description Requests the key's bucket holds when full. */
          'RateLimit-Limit'?: number;
          /** @description Requests the key may still send at once. */
          'RateLimit-Remaining'?: number;
          /** @description Seconds until the bucket is full again. */
          'RateLimit-Reset'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
      /** @description SERVICE_UNAVAILABLE: Service unavailable */
      503: {
        headers: {
          /** @description Seconds to wait before trying again. */
          'Retry-After'?: number;
          [name: string]: unknown;
        };
        content: {
          'application/problem+json': components['schemas']['Problem'];
        };
      };
    };
  };
}
