type Labels = Record<string, string>;

const labelKey = (labels: Labels): string =>
  Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}="${v.replace(/["\\\n]/g, '_')}"`)
    .join(',');

interface Family {
  help: string;
  type: 'counter' | 'gauge' | 'histogram';
  values: Map<string, number>;
  collect?: () => Promise<number> | number;
  buckets?: readonly number[];
}

/** Seconds; covers a fast read (ms) to a slow 10 MB upload. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/** A minimal Prometheus registry: counters, gauges and histograms in the text exposition format. */
export class Metrics {
  private readonly families = new Map<string, Family>();

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

  /** Observations land in the first bucket they fit and every one above it, as Prometheus expects. */
  histogram(
    name: string,
    help: string,
    buckets: readonly number[] = LATENCY_BUCKETS,
  ): (labels: Labels, value: number) => void {
    const family = this.family(name, help, 'histogram');
    family.buckets = buckets;
    const add = (suffix: string, labels: Labels, by: number) => {
      const key = `${suffix}|${labelKey(labels)}`;
      family.values.set(key, (family.values.get(key) ?? 0) + by);
    };
    return (labels, value) => {
      for (const le of [...buckets, Infinity]) {
        if (value <= le)
          add('_bucket', { ...labels, le: le === Infinity ? '+Inf' : String(le) }, 1);
      }
      add('_sum', labels, value);
      add('_count', labels, 1);
    };
  }

  async render(): Promise<string> {
    const lines: string[] = [];
    for (const [name, family] of this.families) {
      lines.push(`# HELP ${name} ${family.help}`, `# TYPE ${name} ${family.type}`);
      if (family.collect) lines.push(`${name} ${await family.collect()}`);
      for (const [key, value] of family.values) {
        const [suffix, labels] = family.type === 'histogram' ? key.split('|') : ['', key];
        lines.push(`${name}${suffix}${labels ? `{${labels}}` : ''} ${value}`);
      }
    }
    return lines.join('\n') + '\n';
  }

  private family(name: string, help: string, type: Family['type']): Family {
    const existing = this.families.get(name);
    if (existing) return existing;
    const created: Family = { help, type, values: new Map() };
    this.families.set(name, created);
    return created;
  }
}
