/**
 * Who may import whom (npm test runs `depcruise`). Libs point one way: domain <- event-store <- read-model,
 * ticket-store <- ticket-http; platform is generic and imports no feature; apps import libs, never each other;
 * nothing that ships imports tests. See the picture in ARCHITECTURE.md.
 */
const lib = (name) => `^libs/${name}/`;
const shipped = '^(apps|libs)/.*(?<!\\.spec)\\.ts$';

/** A lib may import itself, the libs listed, and no app. */
const libMayImport = (name, allowed) => ({
  name: `${name}-imports`,
  comment: `libs/${name} may import only ${allowed.length ? allowed.join(', ') : 'itself'} among the libs`,
  severity: 'error',
  from: { path: lib(name), pathNot: '\\.spec\\.ts$' },
  to: {
    path: '^(libs|apps)/',
    pathNot: [lib(name), ...allowed.map(lib)],
  },
});

module.exports = {
  forbidden: [
    libMayImport('domain', []),
    libMayImport('platform', []),
    libMayImport('event-store', ['platform']),
    libMayImport('read-model', ['domain', 'event-store']),
    libMayImport('ticket-store', ['domain', 'event-store', 'platform']),
    libMayImport('ticket-http', ['domain', 'platform', 'ticket-store']),
    libMayImport('event-feed', ['domain', 'event-store']),
    libMayImport('webhooks', ['domain', 'platform']),
    libMayImport('client', []),
    {
      name: 'domain-is-pure',
      comment: 'libs/domain imports no framework, driver or Node module: the decider stays pure',
      severity: 'error',
      from: { path: lib('domain'), pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'core'] },
    },
    {
      name: 'ticket-store-has-no-http',
      comment:
        'libs/ticket-store runs commands; HTTP (fastify, Nest HTTP errors) belongs to libs/ticket-http',
      severity: 'error',
      from: { path: lib('ticket-store') },
      to: { path: ['node_modules/fastify/', 'node_modules/@fastify/', '^libs/platform/src/http/'] },
    },
    {
      name: 'apps-are-separate',
      comment: 'an app imports libs, never another app',
      severity: 'error',
      from: { path: '^apps/([^/]+)/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'shipped-code-imports-no-tests',
      comment: 'nothing under apps/ or libs/ that ships imports test helpers or specs',
      severity: 'error',
      from: { path: shipped },
      to: { path: ['^test/', '\\.spec\\.ts$'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.local)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
  },
};
