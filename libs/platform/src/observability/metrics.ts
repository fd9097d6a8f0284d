import { collectDefaultMetrics, Registry } from 'prom-client';

type Labels = Record<string, string>;

const labelKey = (labels: Labels): string =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}="${labels[k].replace(/["\\\n]/g, '_')}"`)
    .join(',');

/** One label set of a histogram: observations per bucket (not yet cumulative), their sum and count. */
interface Series {
  perBucket: number[];
  sum: number;
  count: number;
}

interface Family {
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  values: Map<string, number>;
  series?: Map<string, Series>;
  collect?: () => Promise<number> | number;
  collectByLabel?: { label: string; collect: () => Promise<Record<string, number>> };
  buckets?: readonly number[];
}

/** Seconds; covers a fast read (ms) to a slow 10 MB upload. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A value read at scrape time that has not come within this renders NaN: a down database must not stall a scrape. */
const COLLECT_TIMEOUT_MS = 1_000;

const collected = (collect: () => Promise<number> | number): Promise<number> =>
  Promise.race([
    Promise.resolve()
      .then(collect)
      .catch(() => Number.NaN),
    new Promise<number>((resolve) =>
      setTimeout(() => resolve(Number.NaN), COLLECT_TIMEOUT_MS).unref(),
    ),
  ]);

async function labelledLines(
  name: string,
  { label, collect }: NonNullable<Family['collectByLabel']>,
): Promise<string[]> {
  const values = await Promise.race([
    collect().catch(() => ({})),
    new Promise<Record<string, number>>((resolve) =>
      setTimeout(() => resolve({}), COLLECT_TIMEOUT_MS).unref(),
    ),
  ]);
  return Object.entries(values).map(
    ([value, count]) => `${name}{${labelKey({ [label]: value })}} ${count}`,
  );
}

function histogramLines(
  name: string,
  buckets: readonly number[],
  labels: string,
  { perBucket, sum, count }: Series,
): string[] {
  const withLabels = labels ? `,${labels}` : '';
  let cumulative = 0;
  const lines = [...buckets, Infinity].map((le, i) => {
    cumulative += perBucket[i];
    const bound = le === Infinity ? '+Inf' : String(le);
    return `${name}_bucket{le="${bound}"${withLabels}} ${cumulative}`;
  });
  const braces = labels ? `{${labels}}` : '';
  return [...lines, `${name}_sum${braces} ${sum}`, `${name}_count${braces} ${count}`];
}

/**
 * The service's Prometheus registry: its own counters, gauges and histograms in the text exposition
 * format, followed by prom-client's process and event-loop metrics.
 */
export class Metrics {
  private readonly families = new Map<string, Family>();
  private readonly runtime = new Registry();

  constructor() {
    collectDefaultMetrics({ register: this.runtime });
  }

  counter(name: string, help: string): (labels?: Labels, by?: number) => void {
    const family = this.family(name, help, 'counter');
    return (labels = {}, by = 1) => {
      const key = labelKey(labels);
      family.values.set(key, (family.values.get(key) ?? 0) + by);
    };
  }

  gauge(name: string, help: string, collect: () => Promise<number> | number): void {
    this.family(name, help, 'gauge').collect = collect;
  }

  /** A counter kept elsewhere (it only grows), read at scrape time. */
  counterFrom(name: string, help: string, collect: () => number): void {
    this.family(name, help, 'counter').collect = collect;
  }

  /** Counters kept elsewhere, one per value of `label`, read at scrape time; a failed read renders none. */
  countersFrom(
    name: string,
    help: string,
    label: string,
    collect: () => Promise<Record<string, number>>,
  ): void {
    this.family(name, help, 'counter').collectByLabel = { label, collect };
  }

  /** An observation is counted in the first bucket it fits; render adds them up, as Prometheus expects. */
  histogram(
    name: string,
    help: string,
    buckets: readonly number[] = LATENCY_BUCKETS,
  ): (labels: Labels, value: number) => void {
    const family = this.family(name, help, 'histogram');
    family.buckets = buckets;
    const series = (family.series ??= new Map<string, Series>());
    return (labels, value) => {
      const key = labelKey(labels);
      let one = series.get(key);
      if (!one) {
        one = { perBucket: new Array<number>(buckets.length + 1).fill(0), sum: 0, count: 0 };
        series.set(key, one);
      }
      const index = buckets.findIndex((le) => value <= le);
      one.perBucket[index === -1 ? buckets.length : index] += 1;
      one.sum += value;
      one.count += 1;
    };
  }

  async render(): Promise<string> {
    const lines: string[] = [];
    for (const [name, family] of this.families) {
      lines.push(`# HELP ${name} ${family.help}`, `# TYPE ${name} ${family.type}`);
      if (family.collect) lines.push(`${name} ${await collected(family.collect)}`);
      if (family.collectByLabel) lines.push(...(await labelledLines(name, family.collectByLabel)));
      for (const [labels, value] of family.values) {
        lines.push(`${name}${labels ? `{${labels}}` : ''} ${value}`);
      }
      for (const [labels, one] of family.series ?? []) {
        lines.push(...histogramLines(name, family.buckets!, labels, one));
      }
    }
    return lines.join('\n') + '\n' + (await this.runtime.metrics());
  }

  private family(name: string, help: string, type: Family['type']): Family {
    const existing = this.families.get(name);
    if (existing) return existing;
    const created: Family = { help, type, values: new Map() };
    this.families.set(name, created);
    return created;
  }
}
