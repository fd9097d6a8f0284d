import { closingLine, describeRun, readResults, total } from './test-summary';

// Prints what `npm test` ran, run by run, then the one closing line; exits 1 when anything failed.
const runs = readResults(process.argv[2] ?? '.local/test-results');
for (const run of runs) console.log(`[test] ${describeRun(run)}`);
const sum = total(runs);
console.log(closingLine(sum));
process.exitCode = sum.failed > 0 || sum.passed === 0 ? 1 : 0;
