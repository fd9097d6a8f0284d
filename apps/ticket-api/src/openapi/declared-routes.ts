import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';

export interface DeclaredRoute {
  /** Lower case, as in an OpenAPI document. */
  readonly method: string;
  readonly path: string;
  readonly handler: object;
}

/** The routes a Nest module's controllers declare, read from their decorators (no app is started). */
export function declaredRoutes(module: object): DeclaredRoute[] {
  const controllers = Reflect.getMetadata('controllers', module) as (new () => object)[];
  return controllers.flatMap((controller) => {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const prototype = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(prototype)
      .filter((name) => name !== 'constructor')
      .map((name) => prototype[name])
      .filter(
        (handler): handler is object =>
          typeof handler === 'function' && Reflect.hasMetadata(PATH_METADATA, handler),
      )
      .map((handler) => {
        const sub = String(Reflect.getMetadata(PATH_METADATA, handler));
        const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
        const path = `/${[base, sub].filter((p) => p && p !== '/').join('/')}`.replace(/\/+/g, '/');
        return { method: method.toLowerCase(), path, handler };
      });
  });
}
