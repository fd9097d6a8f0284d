import { api } from '../support/http';

describe('the API description', () => {
  it('is served at /api/openapi.json through the gateway, without a key, as OpenAPI 3.1', async () => {
    const response = await api('GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(Object.keys(response.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/Ticket',
        '/api/Ticket/{id}',
        '/api/Ticket/{id}/message',
        '/api/Ticket/{id}/close',
        '/api/Ticket/{id}/attachment',
        '/api/Ticket/{id}/attachment/{attachmentId}',
      ]),
    );
    expect(response.body.paths['/api/Ticket/{id}/message'].post.responses).toMatchObject({
      '201': expect.any(Object),
      '400': expect.any(Object),
      '404': expect.any(Object),
      '412': expect.any(Object),
      '422': expect.any(Object),
    });
  });
});
