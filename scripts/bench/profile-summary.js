'use strict';
// Where a .cpuprofile's time went: self time by package (or our own code) and by function, idle included.
//   node scripts/bench/profile-summary.js <file.cpuprofile> [top]

const { readFileSync } = require('node:fs');

function packageOf({ functionName, url }) {
  if (['(idle)', '(garbage collector)', '(program)'].includes(functionName)) return functionName;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (/\/dist\/(apps|libs)\/([^/]+)/.test(url))
    return `ours: ${/\/dist\/(apps|libs)\/([^/]+)/.exec(url)[2]}`;
  if (url.startsWith('node:') || url === '') return 'node internals';
  return url;
}

function summarize(profile, top = 12) {
  const self = new Map(profile.nodes.map((n) => [n.id, 0]));
  profile.samples.forEach((id, i) => self.set(id, self.get(id) + (profile.timeDeltas[i] ?? 0)));
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byPackage = new Map();
  const byFunction = new Map();
  for (const node of profile.nodes) {
    const us = self.get(node.id);
    const { functionName, url, lineNumber } = node.callFrame;
    const pkg = packageOf(node.callFrame);
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + us);
    const fn = `${functionName || '(anonymous)'} ${url.replace(/^.*\/(node_modules|dist)\//, '')}:${lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const table = (map) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => `    ${((100 * us) / total).toFixed(1).padStart(5)}%  ${name}`);
  return [
    `  ${(total / 1e6).toFixed(1)} s sampled; self time by package:`,
    ...table(byPackage),
    '  by function:',
    ...table(byFunction),
  ].join('\n');
}

if (require.main === module) {
  console.log(
    summarize(JSON.parse(readFileSync(process.argv[2], 'utf8')), Number(process.argv[3] ?? 12)),
  );
}

module.exports = { summarize };
