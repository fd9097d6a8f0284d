#!/usr/bin/env node
'use strict';
/**
 * Keeps libs/domain pure: every import/require specifier in libs/domain/src/**\/*.ts must be a
 * relative path that stays inside libs/domain. The only exception is `@jest/globals`, allowed in
 * test-only files (anything under a `testing/` directory and `*.spec.ts`).
 *
 *   node scripts/check-domain-boundaries.js              # checks libs/domain/src
 *   node scripts/check-domain-boundaries.js <root> [<boundary>]
 *
 * Exits 1 and lists file:line for each violation. Plain Node, no dependencies.
 */
const fs = require('node:fs');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..');
const DOMAIN_DIR = path.join(REPO_ROOT, 'libs', 'domain');
const DOMAIN_SRC = path.join(DOMAIN_DIR, 'src');

const TEST_ONLY_PACKAGES = new Set(['@jest/globals']);
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage']);

/** All *.ts files under `dir`, sorted, skipping node_modules/dist/coverage and dot-directories. */
function listTsFiles(dir) {
  const files = [];
  const walk = (current) => {
    const entries = fs.readdirSync(current, { withFileTypes: true });
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(full);
      } else if (entry.isFile() && entry.name.endsWith('.ts')) {
        files.push(full);
      }
    }
  };
  walk(dir);
  return files;
}

const REGEX_PRECEDING_CHARS = new Set('(,=:[!&|?{};+-*%<>~^'.split(''));
const REGEX_PRECEDING_WORDS = new Set([
  'return',
  'typeof',
  'instanceof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'new',
  'delete',
  'void',
  'throw',
  'yield',
  'await',
]);

/**
 * Returns `source` with comments and regular-expression literals blanked out (newlines kept, so
 * offsets and line numbers are unchanged). String and template literals are kept as written.
 */
function blankComments(source) {
  const out = source.split('');
  const blank = (from, to) => {
    for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  const n = source.length;
  // Brace depth at which each open `${ ... }` template expression started.
  const templateStack = [];
  let braceDepth = 0;
  let lastChar = '';
  let lastWord = '';
  let i = 0;

  const readTemplate = () => {
    // i is just after a backtick or the `}` closing a `${`; read until the closing backtick or `${`.
    while (i < n) {
      const c = source[i];
      if (c === '\\') {
        i += 2;
      } else if (c === '`') {
        i++;
        return;
      } else if (c === '$' && source[i + 1] === '{') {
        templateStack.push(braceDepth);
        braceDepth++;
        i += 2;
        return;
      } else {
        i++;
      }
    }
  };

  while (i < n) {
    const c = source[i];
    const next = source[i + 1];

    if (c === '/' && next === '/') {
      const end = source.indexOf('\n', i);
      const stop = end === -1 ? n : end;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (c === '/' && next === '*') {
      const end = source.indexOf('*/', i + 2);
      const stop = end === -1 ? n : end + 2;
      blank(i, stop);
      i = stop;
      continue;
    }
    if (c === "'" || c === '"') {
      i++;
      while (i < n && source[i] !== c && source[i] !== '\n') i += source[i] === '\\' ? 2 : 1;
      i++;
      lastChar = c;
      lastWord = '';
      continue;
    }
    if (c === '`') {
      i++;
      readTemplate();
      lastChar = '`';
      lastWord = '';
      continue;
    }
    if (c === '/') {
      const regexAllowed =
        lastChar === '' ||
        REGEX_PRECEDING_CHARS.has(lastChar) ||
        REGEX_PRECEDING_WORDS.has(lastWord);
      if (regexAllowed) {
        const start = i;
        let inClass = false;
        i++;
        while (i < n && source[i] !== '\n') {
          const r = source[i];
          if (r === '\\') {
            i += 2;
            continue;
          }
          if (r === '[') inClass = true;
          else if (r === ']') inClass = false;
          else if (r === '/' && !inClass) break;
          i++;
        }
        i++;
        while (i < n && /[a-z]/i.test(source[i])) i++;
        blank(start, i);
        lastChar = ')';
        lastWord = '';
        continue;
      }
    }
    if (c === '{') {
      braceDepth++;
    } else if (c === '}') {
      braceDepth--;
      if (templateStack.length > 0 && templateStack[templateStack.length - 1] === braceDepth) {
        templateStack.pop();
        i++;
        readTemplate();
        lastChar = '`';
        lastWord = '';
        continue;
      }
    }

    if (/[\w$]/.test(c)) {
      lastWord = /[\w$]/.test(lastChar) ? lastWord + c : c;
      lastChar = c;
    } else if (!/\s/.test(c)) {
      lastChar = c;
      lastWord = '';
    }
    i++;
  }
  return out.join('');
}

// `import x from 'm'`, `import type { A } from 'm'`, `import 'm'`, `export * from 'm'`,
// `export { a } from 'm'` (clauses may span lines).
const STATIC_IMPORT =
  /(?<![\w$.])(?:import|export)\s+(?:type\s+)?(?:[\w$*{}\s,]+?\s*from\s*)?(['"])([^'"\n]*)\1/g;
// `require('m')`, `import('m')`, `import x = require('m')`, `jest.mock('m')`, `require.resolve('m')`.
const CALL_IMPORT =
  /(?<![\w$])(?:require(?:\.resolve)?|(?<!\.)import|jest\.(?:mock|doMock|unmock|requireActual|requireMock|createMockFromModule))\s*\(\s*(['"`])([^'"`\n]*)\1/g;

/** Every module specifier in a TypeScript source, with the 1-based line of the statement. */
function findSpecifiers(source) {
  const code = blankComments(source);
  const lineStarts = [0];
  for (let k = 0; k < code.length; k++) if (code[k] === '\n') lineStarts.push(k + 1);
  const lineOf = (offset) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const found = [];
  for (const pattern of [STATIC_IMPORT, CALL_IMPORT]) {
    pattern.lastIndex = 0;
    let match;
    while ((match = pattern.exec(code)) !== null) {
      found.push({ specifier: match[2], line: lineOf(match.index), offset: match.index });
    }
  }
  return found
    .sort((a, b) => a.offset - b.offset)
    .map(({ specifier, line }) => ({ specifier, line }));
}

const isRelative = (specifier) =>
  specifier === '.' ||
  specifier === '..' ||
  specifier.startsWith('./') ||
  specifier.startsWith('../');

function isTestOnlyFile(file, rootDir) {
  const segments = path.relative(rootDir, file).split(path.sep);
  return file.endsWith('.spec.ts') || segments.slice(0, -1).includes('testing');
}

function isInside(dir, target) {
  const relative = path.relative(dir, target);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/**
 * Checks every *.ts file under `rootDir`. Relative imports must resolve inside `boundaryDir`
 * (defaults to `rootDir`). Returns `{ files, violations }`, violations sorted by file and line.
 */
function checkBoundaries(rootDir, boundaryDir = rootDir) {
  const root = path.resolve(rootDir);
  const boundary = path.resolve(boundaryDir);
  const files = listTsFiles(root);
  const violations = [];
  for (const file of files) {
    const source = fs.readFileSync(file, 'utf8');
    for (const { specifier, line } of findSpecifiers(source)) {
      let reason = null;
      if (isRelative(specifier)) {
        if (!isInside(boundary, path.resolve(path.dirname(file), specifier))) {
          reason = `relative import escapes ${path.relative(REPO_ROOT, boundary) || boundary}`;
        }
      } else if (!(TEST_ONLY_PACKAGES.has(specifier) && isTestOnlyFile(file, root))) {
        reason = TEST_ONLY_PACKAGES.has(specifier)
          ? 'test-only import outside testing/ and *.spec.ts'
          : 'non-relative import (the domain may only import its own files)';
      }
      if (reason !== null) violations.push({ file, line, specifier, reason });
    }
  }
  return { files, violations };
}

/** The boundary violations under `rootDir` (see {@link checkBoundaries}). */
function findViolations(rootDir, boundaryDir) {
  return checkBoundaries(rootDir, boundaryDir).violations;
}

function formatViolation({ file, line, specifier, reason }) {
  return `${path.relative(process.cwd(), file)}:${line}: '${specifier}' — ${reason}`;
}

function main(argv) {
  const rootDir = argv[0] ? path.resolve(argv[0]) : DOMAIN_SRC;
  const boundaryDir = argv[1] ? path.resolve(argv[1]) : argv[0] ? rootDir : DOMAIN_DIR;
  const { files, violations } = checkBoundaries(rootDir, boundaryDir);
  for (const violation of violations) console.error(formatViolation(violation));
  const summary = `domain boundaries: ${files.length} files checked, ${violations.length} violations`;
  if (violations.length > 0) {
    console.error(summary);
    return 1;
  }
  console.log(summary);
  return 0;
}

module.exports = { findViolations, checkBoundaries, findSpecifiers, listTsFiles };

if (require.main === module) {
  process.exitCode = main(process.argv.slice(2));
}
