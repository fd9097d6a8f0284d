import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RequestMethod } from '@nestjs/common';
import { validateConfig } from '@app/platform/config/validate-config';
import { TicketApiModule } from '../app.module';
import { TicketApiConfig } from '../config/ticket-api.config';
import { API_ROUTES } from './api-routes';

const OPERATIONAL = ['/health', '/livez', '/readyz', '/metrics', '/api/openapi.json'];

function declaredRoutes(module: object): string[] {
  const controllers = Reflect.getMetadata('controllers', module) as (new () => object)[];
  return controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor')
      .map((name) => prototype[name])
      .filter(
        (handler) => typeof handler === 'function' && Reflect.hasMetadata(PATH_METADATA, handler),
      )
      .map((handler) => {
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler as object));
        const method =
          RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler as object) as number];
        const path = `/${[base, sub].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
        return `${method.toLowerCase()} ${path}`;
      });
  });
}

describe('the OpenAPI route table', () => {
  it('describes every route ticket-api serves', () => {
    const config = validateConfig(TicketApiConfig, {
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      KAFKA_BROKERS: '127.0.0.1:1',
    });
    const served = declaredRoutes(TicketApiModule.register(config)).filter(
      (r) => !OPERATIONAL.some((path) => r.endsWith(` ${path}`)),
    );
    const documented = API_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect(served.length).toBeGreaterThan(5);
    expect(documented).toEqual(expect.arrayContaining(served));
  });
});
