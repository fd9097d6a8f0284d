import { INTERCEPTORS_METADATA } from '@nestjs/common/constants';
import { validateConfig } from '@app/platform/config/validate-config';
import { IdempotencyInterceptor } from '@app/platform/idempotency/idempotency.interceptor';
import { TicketApiModule } from './app.module';
import { TicketApiConfig } from './config/ticket-api.config';
import { declaredRoutes } from './openapi/declared-routes';

describe('Idempotency-Key on ticket-api', () => {
  it('is honoured by every POST route (the interceptor is per route, so reads skip it)', () => {
    const config = validateConfig(TicketApiConfig, {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      KAFKA_BROKERS: '127.0.0.1:1',
      WEBHOOK_SECRET_KEYS: `unit:${Buffer.alloc(32).toString('base64')}`,
    });
    const posts = declaredRoutes(TicketApiModule.register(config)).filter(
      (r) => r.method === 'post',
    );
    const withoutKey = posts.filter((r) => {
      const interceptors = (Reflect.getMetadata(INTERCEPTORS_METADATA, r.handler) ??
        []) as unknown[];
      return !interceptors.includes(IdempotencyInterceptor);
    });
    expect(posts.length).toBeGreaterThanOrEqual(7);
    expect(withoutKey.map((r) => r.path)).toEqual([]);
  });
});
