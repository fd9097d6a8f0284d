interface KnownRoute {
  readonly method: string;
  readonly pattern: RegExp;
}

const toPattern = (url: string): RegExp =>
  new RegExp(
    '^' +
      url
        .split('/')
        .map((part) =>
          part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
        )
        .join('/') +
      '/?$',
  );

/** The app's routes as registered with Fastify, so an unknown method on a known path can answer 405. */
export class RouteTable {
  private readonly routes: KnownRoute[] = [];

  add(method: string | string[], url: string): void {
    for (const m of Array.isArray(method) ? method : [method]) {
      if (m !== 'HEAD') this.routes.push({ method: m, pattern: toPattern(url) });
    }
  }

  allowedMethods(path: string): string[] {
    const methods = this.routes.filter((r) => r.pattern.test(path)).map((r) => r.method);
    return [...new Set(methods)].sort();
  }
}
