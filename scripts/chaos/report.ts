// The campaign's tables: commands by outcome, faults by kind, time to settle, invariants, and how to replay.
import type { CampaignResult } from './campaign';
import { OP_KINDS } from './clients';
import { FAULT_KINDS } from './nemesis';

const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;

export function report(result: CampaignResult): string {
  const lines: string[] = [];
  lines.push(
    `Chaos campaign: seed ${result.seed}, ${result.minutes} min of faults, settled in ${(result.settleMs / 1000).toFixed(1)} s`,
    '',
    row([
      'command',
      'attempted',
      'acknowledged',
      'refused',
      'indeterminate',
      'unexpected',
      'retries',
    ]),
    row(['---', '---:', '---:', '---:', '---:', '---:', '---:']),
  );
  const kinds = [...OP_KINDS, 'all'] as const;
  for (const kind of kinds) {
    const ops = result.operations.filter((o) => kind === 'all' || o.kind === kind);
    const count = (outcome: string) => ops.filter((o) => o.outcome === outcome).length;
    const retries = ops.reduce((sum, o) => sum + o.attempts.length - 1, 0);
    lines.push(
      row([
        kind === 'all' ? '**all**' : kind,
        ops.length,
        count('acknowledged'),
        count('refused'),
        count('indeterminate'),
        count('unexpected'),
        retries,
      ]),
    );
  }
  lines.push('', `Lost (acknowledged, not in the event store): **${result.lost}**`, '');
  lines.push(
    row(['fault', 'injected', 'targets', 'longest heal']),
    row(['---', '---:', '---', '---:']),
  );
  for (const kind of FAULT_KINDS) {
    const faults = result.faults.filter((f) => f.kind === kind);
    const targets = new Map<string, number>();
    for (const f of faults) {
      const target = f.note ? `${f.target} (${f.note})` : f.target;
      targets.set(target, (targets.get(target) ?? 0) + 1);
    }
    const longest = Math.max(0, ...faults.map((f) => f.healedMs));
    lines.push(
      row([
        kind,
        faults.length,
        [...targets].map(([t, n]) => `${t} ×${n}`).join(', ') || '–',
        `${(longest / 1000).toFixed(1)} s`,
      ]),
    );
  }
  lines.push('', row(['invariant', 'holds', 'detail']), row(['---', '---', '---']));
  for (const check of result.checks) {
    lines.push(row([check.name, check.ok ? 'yes' : '**NO**', check.detail.replace(/\|/g, '/')]));
  }
  lines.push('', `Replay: npm run chaos -- --seed ${result.seed} --minutes ${result.minutes}`);
  return lines.join('\n');
}
