import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The counts of one run that `npm test` sums: a Jest run, the fuzzer's cases, or a step that is not a test. */
export interface RunCounts {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
}

/** The fields of Jest's `--json` output that the summary reads. */
export interface JestJson {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests?: number;
  numRuntimeErrorTestSuites: number;
}

export const fromJest = (name: string, json: JestJson): RunCounts => ({
  name,
  passed: json.numPassedTests,
  // a suite that could not run (a syntax error, a failing beforeAll) has no failed test but must count
  failed: json.numFailedTests + json.numRuntimeErrorTestSuites,
  skipped: json.numPendingTests + (json.numTodoTests ?? 0),
});

/** The fuzzer's own count of its cases: "Test cases:\n  1949 generated, 1949 passed, 28 skipped". */
export function fromSchemathesis(name: string, output: string): RunCounts {
  const line = /Test cases:\s*([^\n]*)/.exec(output)?.[1] ?? '';
  const count = (word: string) => Number(new RegExp(`(\\d+) ${word}`).exec(line)?.[1] ?? 0);
  // no count line at all means the fuzzer did not finish: that is a failure, not zero cases
  const failed = line ? count('failed') + count('errored') : 1;
  return { name, passed: count('passed'), failed, skipped: count('skipped') };
}

/** A step that failed without a test failing in it (the static gate, a build, a crashed Jest) counts once. */
export function withFailedSteps(runs: RunCounts[], failedSteps: string[]): RunCounts[] {
  const extra = failedSteps
    .filter((step) => !runs.some((run) => run.name === step && run.failed > 0))
    .map((step) => ({ name: step, passed: 0, failed: 1, skipped: 0 }));
  return [...runs, ...extra];
}

export function total(runs: RunCounts[]): RunCounts {
  const sum = (key: 'passed' | 'failed' | 'skipped') => runs.reduce((n, run) => n + run[key], 0);
  return { name: 'total', passed: sum('passed'), failed: sum('failed'), skipped: sum('skipped') };
}

/** The closing line, exactly `N passed, N failed`, with `, N skipped` only where any were. */
export function closingLine(counts: RunCounts): string {
  const line = `${counts.passed} passed, ${counts.failed} failed`;
  return counts.skipped > 0 ? `${line}, ${counts.skipped} skipped` : line;
}

export const describeRun = (run: RunCounts): string =>
  `${run.name}: ${run.passed} passed, ${run.failed} failed, ${run.skipped} skipped`;

/**
 * Reads a results folder: `<name>.jest.json` from Jest's `--json`, `<name>.counts.json` written by a test of
 * its own (the fuzzer's cases), and `failed-steps`, one step name a line.
 */
export function readResults(dir: string): RunCounts[] {
  if (!existsSync(dir)) return [];
  const read = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), 'utf8'));
  const runs = readdirSync(dir)
    .sort()
    .flatMap((file): RunCounts[] => {
      if (file.endsWith('.jest.json'))
        return [fromJest(file.replace('.jest.json', ''), read(file) as JestJson)];
      if (file.endsWith('.counts.json')) return [read(file) as RunCounts];
      return [];
    });
  const stepsFile = join(dir, 'failed-steps');
  const failedSteps = existsSync(stepsFile)
    ? readFileSync(stepsFile, 'utf8').split('\n').filter(Boolean)
    : [];
  return withFailedSteps(runs, failedSteps);
}
