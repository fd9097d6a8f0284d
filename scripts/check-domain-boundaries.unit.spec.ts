import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

interface Violation {
  file: string;
  line: number;
  specifier: string;
  reason: string;
}

interface BoundariesModule {
  findViolations(rootDir: string, boundaryDir?: string): Violation[];
}

// The checker is plain CommonJS so it can run with bare `node`; load it as such.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { findViolations } = require('./check-domain-boundaries.js') as BoundariesModule;

const SCRIPT = resolve(__dirname, 'check-domain-boundaries.js');
const DOMAIN_DIR = resolve(__dirname, '..', 'libs', 'domain');
const DOMAIN_SRC = join(DOMAIN_DIR, 'src');

describe('check-domain-boundaries', () => {
  let root: string;

  const write = (relativePath: string, source: string): string => {
    const file = join(root, relativePath);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, source);
    return file;
  };
  const summarise = (violations: Violation[]) =>
    violations.map(({ file, line, specifier }) => ({ file, line, specifier }));

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'domain-boundaries-'));
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  describe('on a directory with forbidden imports', () => {
    let pgFile: string;
    let nestFile: string;

    beforeAll(() => {
      pgFile = write(
        'ticket/bad-pg.ts',
        "import { Pool } from 'pg';\n\nexport const pool = new Pool();\n",
      );
      nestFile = write(
        'ticket/bad-nest.ts',
        "// a domain service\nimport { Injectable } from '@nestjs/common';\n\n@Injectable()\nexport class Bad {}\n",
      );
      write(
        'ticket/good.ts',
        "import type { Actor } from '../shared/actor';\nexport type A = Actor;\n",
      );
      write('shared/actor.ts', "export type Actor = { role: 'customer' | 'staff' };\n");
    });

    it("reports a file importing 'pg' and a file importing '@nestjs/common', with their lines", () => {
      expect(summarise(findViolations(root))).toEqual([
        { file: nestFile, line: 2, specifier: '@nestjs/common' },
        { file: pgFile, line: 1, specifier: 'pg' },
      ]);
    });

    it('the command line lists file:line for each violation and exits 1', () => {
      const result = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });

      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`bad-pg.ts:1: 'pg'`);
      expect(result.stderr).toContain(`bad-nest.ts:2: '@nestjs/common'`);
      expect(result.stderr).toContain('domain boundaries: 4 files checked, 2 violations');
    });
  });

  describe('recognises every way of importing a module', () => {
    let dir: string;

    beforeAll(() => {
      dir = join(root, 'forms');
      mkdirSync(dir, { recursive: true });
      writeFileSync(
        join(dir, 'forms.ts'),
        [
          'import {', //                           1
          '  Kafka,', //                            2
          '  logLevel,', //                         3
          "} from 'kafkajs';", //                   4
          "import 'reflect-metadata';", //          5
          "export * from 'fastify';", //            6
          "export { Client } from 'minio';", //     7
          "import type { FastifyInstance } from 'fastify';", // 8
          "const pg = require('pg');", //           9
          "const later = () => import('@nestjs/core');", // 10
          "import cp = require('node:child_process');", // 11
          "import * as apps from '../../apps/ticket-api/src/main';", // 12
          "import { x } from '@app/platform';", // 13
          "import { describe } from '@jest/globals';", // 14
          '',
        ].join('\n'),
      );
    });

    it('finds multi-line, side-effect, re-export, type-only, require, dynamic and alias imports', () => {
      expect(findViolations(dir).map(({ line, specifier }) => `${line} ${specifier}`)).toEqual([
        '1 kafkajs',
        '5 reflect-metadata',
        '6 fastify',
        '7 minio',
        '8 fastify',
        '9 pg',
        '10 @nestjs/core',
        '11 node:child_process',
        '12 ../../apps/ticket-api/src/main',
        '13 @app/platform',
        '14 @jest/globals',
      ]);
    });
  });

  describe('what is allowed', () => {
    let dir: string;

    beforeAll(() => {
      dir = join(root, 'allowed', 'src');
      const files: Record<string, string> = {
        'index.ts': "export * from './ticket/ticket';\n",
        'ticket/ticket.ts':
          "import type { Actor } from '../shared/actor';\nexport type T = Actor;\n",
        'shared/actor.ts': 'export type Actor = string;\n',
        'ticket/ticket.unit.spec.ts':
          "import { it } from '@jest/globals';\nit('x', () => undefined);\n",
        'testing/builders.ts':
          "import { expect } from '@jest/globals';\nexport const e = expect;\n",
        'comments.ts': [
          "// import { Pool } from 'pg';",
          "/* const k = require('kafkajs'); */",
          '/**',
          " * import { Injectable } from '@nestjs/common';",
          ' */',
          "export const url = 'http://example.com/*not a comment*/';",
          'export const pattern = /[\'"]/g;',
          'export const t = `${url} // ${pattern.source}`;',
          '',
        ].join('\n'),
      };
      for (const [relativePath, source] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, relativePath)), { recursive: true });
        writeFileSync(join(dir, relativePath), source);
      }
    });

    it("accepts relative imports inside the root, '@jest/globals' in testing/ and *.spec.ts, and imports in comments", () => {
      expect(findViolations(dir)).toEqual([]);
    });

    it('flags a relative import that escapes the boundary directory', () => {
      const escaping = join(root, 'escaping', 'src');
      mkdirSync(join(escaping, 'ticket'), { recursive: true });
      writeFileSync(join(escaping, 'ticket', 'ok.ts'), "export * from '../../README';\n");

      expect(summarise(findViolations(escaping))).toEqual([
        { file: join(escaping, 'ticket', 'ok.ts'), line: 1, specifier: '../../README' },
      ]);
      expect(findViolations(escaping, dirname(escaping))).toEqual([]);
    });
  });

  describe('the real libs/domain', () => {
    it('has no violations', () => {
      expect(findViolations(DOMAIN_SRC, DOMAIN_DIR)).toEqual([]);
    });

    it('passes from the command line with the success summary', () => {
      const result = spawnSync(process.execPath, [SCRIPT], { encoding: 'utf8' });

      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/^domain boundaries: \d+ files checked, 0 violations\n$/);
    });
  });
});
