import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closingLine, fromJest, fromSchemathesis, readResults, total } from './test-summary';

const jestRun = (passed: number, failed = 0, pending = 0, runtimeErrors = 0) => ({
  numPassedTests: passed,
  numFailedTests: failed,
  numPendingTests: pending,
  numTodoTests: 0,
  numRuntimeErrorTestSuites: runtimeErrors,
});

describe('the closing line of npm test', () => {
  it('is exactly "N passed, N failed" when nothing was skipped', () => {
    expect(
      closingLine(total([fromJest('unit', jestRun(506)), fromJest('serial', jestRun(7))])),
    ).toBe('513 passed, 0 failed');
  });

  it('adds ", N skipped" only where tests were skipped', () => {
    expect(closingLine(total([fromJest('unit', jestRun(3, 1, 2))]))).toBe(
      '3 passed, 1 failed, 2 skipped',
    );
  });

  it('counts a suite that could not run as a failure', () => {
    expect(total([fromJest('int-e2e', jestRun(10, 0, 0, 1))]).failed).toBe(1);
  });

  it("sums the fuzzer's cases from its report", () => {
    const output = 'Test cases:\n  1949 generated, 1947 passed, 2 failed, 28 skipped\n\nSeed: 1';
    expect(fromSchemathesis('fuzz', output)).toEqual({
      name: 'fuzz',
      passed: 1947,
      failed: 2,
      skipped: 28,
    });
  });

  it('counts a fuzzer that printed no report as one failure', () => {
    expect(fromSchemathesis('fuzz', 'Traceback (most recent call last):').failed).toBe(1);
  });

  it('counts a failed step once, unless a test already failed in it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'results-'));
    writeFileSync(join(dir, 'unit.jest.json'), JSON.stringify(jestRun(5, 1)));
    writeFileSync(
      join(dir, 'fuzz-staff.counts.json'),
      JSON.stringify({ name: 'fuzz', passed: 9, failed: 0, skipped: 1 }),
    );
    writeFileSync(join(dir, 'failed-steps'), 'unit\neslint\n');
    const runs = readResults(dir);
    expect(runs.map((run) => run.name)).toEqual(['fuzz', 'unit', 'eslint']);
    expect(closingLine(total(runs))).toBe('14 passed, 2 failed, 1 skipped');
  });
});
