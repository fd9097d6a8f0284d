// CPU seconds and peak resident memory of a service (a process and its children) over one bench run, from /proc.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';

const CLOCK_TICKS = 100;

export interface Usage {
  name: string;
  processes: number;
  cpuSeconds: number;
  peakRssBytes: number;
}

function statOf(pid: number): { ppid: number; cpuTicks: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // fields after the command name, which may contain spaces: state is field 3, ppid 4, utime 14, stime 15
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), cpuTicks: Number(fields[11]) + Number(fields[12]) };
}

/** The process and its direct children (nginx workers, PostgreSQL backends). */
function familyOf(pid: number): number[] {
  const family = [pid];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (statOf(Number(entry)).ppid === pid) family.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return family;
}

const sum = (pids: number[], read: (pid: number) => number): number =>
  pids.reduce((total, pid) => {
    try {
      return total + read(pid);
    } catch {
      return total;
    }
  }, 0);

const peakRss = (pid: number): number =>
  Number(/^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]) * 1024;

/** Starts measuring the named root pids: resets their peak RSS; returns a function that reads the usage since. */
export function startUsage(roots: Record<string, number>): () => Usage[] {
  const before: Record<string, number> = {};
  for (const [name, pid] of Object.entries(roots)) {
    const pids = familyOf(pid);
    for (const p of pids) {
      try {
        writeFileSync(`/proc/${p}/clear_refs`, '5');
      } catch {
        // not ours to reset: the peak then counts from the process start
      }
    }
    before[name] = sum(pids, (p) => statOf(p).cpuTicks);
  }
  return () =>
    Object.entries(roots).map(([name, pid]) => {
      const pids = familyOf(pid);
      return {
        name,
        processes: pids.length,
        cpuSeconds: (sum(pids, (p) => statOf(p).cpuTicks) - before[name]) / CLOCK_TICKS,
        peakRssBytes: sum(pids, peakRss),
      };
    });
}
