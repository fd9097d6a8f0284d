import { IF_MATCH_ETAG_PATTERN, TICKET_ROUTES_CATALOG as ERROR_CATALOG } from '@app/ticket-http';
import { API_ROUTES } from './api-routes';
import type { ApiRoute, ResponseHeader } from './api-routes';
import { schemaOfDto } from './dto-schema';
import { RESPONSE_SCHEMAS } from './response-schemas';

const problem = {
  'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } },
};

const toOpenApiPath = (path: string): string => path.replace(/:([A-Za-z]+)/g, '{$1}');

type ErrorCode = keyof typeof ERROR_CATALOG;

/** What any route with a request body may answer, besides its own errors. */
const BODY_ERRORS: readonly ErrorCode[] = [
  'MALFORMED_BODY',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
];

const HEADERS: Record<ResponseHeader, object> = {
  ETag: {
    description: "The ticket's version, quoted: send it back as If-Match.",
    schema: { type: 'string', pattern: '^"\\d+"$' },
  },
  Location: { description: 'Where the created resource is read.', schema: { type: 'string' } },
  'Retry-After': {
    description: 'Seconds to wait before trying again.',
    schema: { type: 'integer', minimum: 0 },
  },
};

/** Sent with every answer to a key while rate limits are on (IETF draft RateLimit header fields). */
const RATE_LIMIT_HEADERS = {
  'RateLimit-Limit': {
    description: "Requests the key's bucket holds when full.",
    schema: { type: 'integer', minimum: 0 },
  },
  'RateLimit-Remaining': {
    description: 'Requests the key may still send at once.',
    schema: { type: 'integer', minimum: 0 },
  },
  'RateLimit-Reset': {
    description: 'Seconds until the bucket is full again.',
    schema: { type: 'integer', minimum: 0 },
  },
};

/** The three shapes every error answer takes, written once and referenced by each route's statuses. */
const ERROR_RESPONSES = {
  Problem: { description: 'A problem (RFC 9457).', content: problem },
  ProblemToRetry: {
    description: 'A problem (RFC 9457) that Retry-After says when to try again.',
    headers: { 'Retry-After': HEADERS['Retry-After'] },
    content: problem,
  },
  RateLimited: {
    description: "The key's rate limit is spent (RFC 9457 problem).",
    headers: { 'Retry-After': HEADERS['Retry-After'], ...RATE_LIMIT_HEADERS },
    content: problem,
  },
};

const errorResponseName = (status: number): keyof typeof ERROR_RESPONSES =>
  status === 429 ? 'RateLimited' : status === 503 ? 'ProblemToRetry' : 'Problem';

/** Each status a route may answer, referencing its shape; the description names the route's own codes. */
function errorResponses(route: ApiRoute): Record<string, object> {
  const hasBody = route.body !== undefined || route.multipart === true;
  const codes = new Set([...route.errors, ...(hasBody ? BODY_ERRORS : [])]);
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const { status } = ERROR_CATALOG[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, codes]) => [
      String(status),
      {
        $ref: `#/components/responses/${errorResponseName(status)}`,
        description: codes.map((c) => `${c}: ${ERROR_CATALOG[c].title}`).join('; '),
      },
    ]),
  );
}

function operation(route: ApiRoute): object {
  const pathParams = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'integer', minimum: 1, maximum: 999_999_999_999_999 },
  }));
  const query = Object.entries(route.query ?? {}).map(([name, q]) => ({
    name,
    in: 'query',
    required: q.required ?? false,
    description: q.description,
    schema: q.schema,
  }));
  const idempotencyKey = {
    name: 'Idempotency-Key',
    in: 'header',
    required: false,
    description:
      'Runs the request once per API key: the same key and body replay the first response, ' +
      'the same key with another body is 422 IDEMPOTENCY_KEY_REUSED, and while the first still runs 409.',
    schema: { type: 'string', pattern: '^[!-~]{1,255}$' },
  };
  const ifMatch = {
    name: 'If-Match',
    in: 'header',
    required: false,
    description:
      'The version (ETag) the ticket must be at; 412 PRECONDITION_FAILED when it has moved on.',
    schema: { anyOf: [{ const: '*' }, { type: 'string', pattern: IF_MATCH_ETAG_PATTERN }] },
  };
  const conditional = route.conditionalGet
    ? [
        {
          name: 'If-None-Match',
          in: 'header',
          required: false,
          description: 'The ETag the client holds: 304 while the ticket is still at that version.',
          schema: { type: 'string' },
        },
      ]
    : [];
  const headers =
    route.method !== 'post'
      ? []
      : route.path.startsWith('/api/Ticket')
        ? [idempotencyKey, ifMatch]
        : [idempotencyKey];
  const headerRefs = {
    headers: {
      ...Object.fromEntries((route.success.headers ?? []).map((h) => [h, HEADERS[h]])),
      ...RATE_LIMIT_HEADERS,
    },
  };
  const success = route.success.binary
    ? {
        description: route.success.description,
        ...headerRefs,
        content: {
          // the file in the media type it was uploaded with
          '*/*': {
            schema: { type: 'string' },
          },
        },
      }
    : route.success.schema === undefined
      ? { description: route.success.description, ...headerRefs }
      : {
          description: route.success.description,
          ...headerRefs,
          content: {
            'application/json': {
              schema: { $ref: `#/components/schemas/${route.success.schema}` },
            },
          },
        };
  return {
    operationId: route.operationId,
    summary: route.summary,
    security: [{ apiKey: [] }],
    parameters: [
      ...pathParams,
      ...(route.keyOnly
        ? []
        : [
            {
              $ref: `#/components/parameters/${route.allAccounts ? 'accountIdOrAll' : 'accountId'}`,
            },
          ]),
      ...query,
      ...headers,
      ...conditional,
    ],
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: schemaOfDto(route.body) } },
          },
        }
      : {}),
    ...(route.multipart
      ? {
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: {
                    // the 10 MB cap is stated, not a maxLength: a fuzzer counts strings up to that length
                    file: {
                      type: 'string',
                      contentMediaType: 'application/octet-stream',
                      description:
                        'At most 10 MB (10,485,760 bytes); larger is 400 FILE_TOO_LARGE.',
                    },
                    messageId: { type: 'integer', minimum: 1, maximum: 999_999_999_999_999 },
                    noteId: {
                      type: 'integer',
                      minimum: 1,
                      maximum: 999_999_999_999_999,
                      description:
                        'The internal note the file belongs to (staff keys only): a customer key never sees it.',
                    },
                  },
                  required: ['file'],
                  not: { required: ['messageId', 'noteId'] },
                  additionalProperties: false,
                },
              },
            },
          },
        }
      : {}),
    responses: {
      [String(route.success.status)]: success,
      ...(route.conditionalGet ? { '304': { description: 'Unchanged since the ETag sent.' } } : {}),
      ...errorResponses(route),
    },
  };
}

/** The OpenAPI 3.1 description of the public API, built from the route table, the DTOs and the error catalog. */
export function buildOpenApiDocument(): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of API_ROUTES) {
    (paths[toOpenApiPath(route.path)] ??= {})[route.method] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Support tickets API',
      version: '1.0.0',
      description:
        'Open tickets, reply, attach files, resolve and close. Every error is application/problem+json (RFC 9457).',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' } },
      parameters: {
        accountId: {
          name: 'accountId',
          in: 'query',
          required: true,
          description: 'The account the request acts for; a customer key may act only for its own.',
          schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
        },
        accountIdOrAll: {
          name: 'accountId',
          in: 'query',
          required: true,
          description: 'The account to read; `*` reads every account (staff keys only).',
          schema: { type: 'string', pattern: '^([A-Za-z0-9_-]{1,64}|\\*)$' },
        },
      },
      schemas: RESPONSE_SCHEMAS,
      responses: ERROR_RESPONSES,
    },
    paths,
  };
}
