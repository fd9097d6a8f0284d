import { validateConfig } from '@app/platform/config/validate-config';
import { TicketApiModule } from '../app.module';
import { TicketApiConfig } from '../config/ticket-api.config';
import { API_ROUTES } from './api-routes';
import { declaredRoutes } from './declared-routes';

const OPERATIONAL = ['/health', '/livez', '/readyz', '/metrics', '/api/openapi.json'];

describe('the OpenAPI route table', () => {
  it('describes every route ticket-api serves', () => {
    const config = validateConfig(TicketApiConfig, {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      KAFKA_BROKERS: '127.0.0.1:1',
      WEBHOOK_SECRET_KEYS: `unit:${Buffer.alloc(32).toString('base64')}`,
    });
    const served = declaredRoutes(TicketApiModule.register(config))
      .filter((r) => !OPERATIONAL.includes(r.path))
      .map((r) => `${r.method} ${r.path}`);
    const documented = API_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(served.length).toBeGreaterThan(5);
    expect(documented).toEqual(expect.arrayContaining(served));
  });
});
