/** Shared Jest settings: SWC transpiles TypeScript (decorators and metadata included) and maps the @app/* aliases. */
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  setupFiles: ['reflect-metadata'],
  moduleNameMapper: {
    '^@app/(domain|platform|event-store|ticket-store|read-model|ticket-http)$':
      '<rootDir>/libs/$1/src',
    '^@app/(domain|platform|event-store|ticket-store|read-model|ticket-http)/(.*)$':
      '<rootDir>/libs/$1/src/$2',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.local/'],
};
