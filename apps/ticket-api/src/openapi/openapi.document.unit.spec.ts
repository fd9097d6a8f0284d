import { buildOpenApiDocument } from './openapi.document';

interface Doc {
  openapi: string;
  paths: Record<
    string,
    Record<string, { requestBody?: { content: Record<string, { schema: any }> } }>
  >;
}

describe('the OpenAPI document', () => {
  const doc = buildOpenApiDocument() as Doc;

  it('is OpenAPI 3.1', () => {
    expect(doc.openapi).toBe('3.1.0');
  });

  it('derives request bodies from the class-validator DTOs', () => {
    const schema =
      doc.paths['/api/Ticket/{id}/message'].post.requestBody!.content['application/json'].schema;
    expect(schema).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        message: {
          type: 'string',
          pattern: '\\S',
          maxLength: 10000,
          allOf: [{ pattern: '^[^\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f]*$' }],
        },
      },
      required: ['message'],
    });
    const open = doc.paths['/api/Ticket'].post.requestBody!.content['application/json'].schema;
    expect(open.required).toEqual(['subject', 'description', 'topic']);
    expect(open.properties.propertyId.type).toEqual(['string', 'null']);
  });

  it("writes each error shape once and names the route's own codes in each status's description", () => {
    const responses = (doc.paths['/api/Ticket/{id}'].get as { responses: Record<string, object> })
      .responses;
    expect(responses['404']).toEqual({
      $ref: '#/components/responses/Problem',
      description: 'TICKET_NOT_FOUND: Ticket not found',
    });
  });

  it('lists the body errors on every route that takes a body', () => {
    const responses = (
      doc.paths['/api/Ticket/{id}/status'].post as { responses: Record<string, unknown> }
    ).responses;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(['400', '413', '415']));
  });

  it('names every operation with a unique operationId, for generated clients', () => {
    const operations = Object.values(doc.paths).flatMap((path) => Object.values(path)) as {
      operationId?: string;
    }[];
    const ids = operations.map((o) => o.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('describes the response headers: ETag, Location, Retry-After and RateLimit', () => {
    const responses = (path: string, method: string) =>
      (doc.paths[path][method] as { responses: Record<string, { headers?: object }> }).responses;
    const rateLimit = ['RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'];
    expect(Object.keys(responses('/api/Ticket', 'post')['201'].headers!)).toEqual([
      'ETag',
      'Location',
      ...rateLimit,
    ]);
    expect(Object.keys(responses('/api/Ticket/{id}', 'get')['200'].headers!)).toEqual([
      'ETag',
      ...rateLimit,
    ]);
    const shared = (path: string, status: string) => {
      const { $ref } = responses(path, 'get')[status] as { $ref: string };
      return (doc as unknown as { components: { responses: Record<string, { headers: object }> } })
        .components.responses[$ref.replace('#/components/responses/', '')];
    };
    expect(Object.keys(shared('/api/Ticket/{id}', '503').headers)).toEqual(['Retry-After']);
    expect(Object.keys(shared('/api/Ticket/{id}', '429').headers)).toEqual([
      'Retry-After',
      ...rateLimit,
    ]);
    expect(Object.keys(responses('/api/webhooks', 'post')['201'].headers!)).toEqual([
      'Location',
      ...rateLimit,
    ]);
  });

  it('documents GET /api/me without an accountId, and the 304 of a conditional ticket GET', () => {
    type Operation = { parameters: { $ref?: string; name?: string }[]; responses: object };
    const me = doc.paths['/api/me'].get as unknown as Operation;
    const ticket = doc.paths['/api/Ticket/{id}'].get as unknown as Operation;

    expect(me.parameters).toEqual([]);
    expect(Object.keys(me.responses)).toEqual(['200', '401']);
    expect(ticket.parameters.map((p) => p.name ?? p.$ref)).toContain('If-None-Match');
    expect(Object.keys(ticket.responses)).toContain('304');
  });
});
