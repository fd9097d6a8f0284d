// Where a .cpuprofile's time went: self time by package (or our own code) and by function, idle included.
//   tsx scripts/bench/profile-summary.ts <file.cpuprofile> [top]
import { readFileSync } from 'node:fs';
import type { Profiler, Runtime } from 'node:inspector';

type CallFrame = Runtime.CallFrame;

function packageOf({ functionName, url }: CallFrame): string {
  if (['(idle)', '(garbage collector)', '(program)'].includes(functionName)) return functionName;
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const ours = /\/dist\/(apps|libs)\/([^/]+)/.exec(url);
  if (ours) return `ours: ${ours[2]}`;
  if (url.startsWith('node:') || url === '') return 'node internals';
  return url;
}

const add = (map: Map<string, number>, key: string, us: number) =>
  map.set(key, (map.get(key) ?? 0) + us);

export function summarize(profile: Profiler.Profile, top = 12): string {
  const self = new Map(profile.nodes.map((n) => [n.id, 0]));
  (profile.samples ?? []).forEach((id, i) =>
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas?.[i] ?? 0)),
  );
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byPackage = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    const { functionName, url, lineNumber } = node.callFrame;
    add(byPackage, packageOf(node.callFrame), us);
    const where = url.replace(/^.*\/(node_modules|dist)\//, '');
    add(byFunction, `${functionName || '(anonymous)'} ${where}:${lineNumber + 1}`, us);
  }
  const table = (map: Map<string, number>) =>
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
  const profile = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Profiler.Profile;
  console.log(summarize(profile, Number(process.argv[3] ?? 12)));
}
