import { Metrics } from './metrics';

describe('Metrics', () => {
  it('renders counters with their labels', async () => {
    const metrics = new Metrics();
    const count = metrics.counter('jobs_total', 'Jobs done');
    count({ result: 'ok' });
    count({ result: 'ok' }, 2);
    expect(await metrics.render()).toContain('jobs_total{result="ok"} 3');
  });

  it('renders histograms as cumulative buckets, a sum and a count', async () => {
    const metrics = new Metrics();
    const observe = metrics.histogram('latency_seconds', 'Latency', [0.1, 1]);
    observe({ route: '/a' }, 0.05);
    observe({ route: '/a' }, 0.5);
    const text = await metrics.render();
    expect(text).toContain('# TYPE latency_seconds histogram');
    expect(text).toContain('latency_seconds_bucket{le="0.1",route="/a"} 1');
    expect(text).toContain('latency_seconds_bucket{le="1",route="/a"} 2');
    expect(text).toContain('latency_seconds_bucket{le="+Inf",route="/a"} 2');
    expect(text).toContain('latency_seconds_sum{route="/a"} 0.55');
    expect(text).toContain('latency_seconds_count{route="/a"} 2');
  });

  it('counts a value above every bound in +Inf only, and keeps label sets apart', async () => {
    const metrics = new Metrics();
    const observe = metrics.histogram('size_bytes', 'Size', [10]);
    observe({ kind: 'a' }, 50);
    observe({ kind: 'b' }, 5);
    const text = await metrics.render();
    expect(text).toContain('size_bytes_bucket{le="10",kind="a"} 0');
    expect(text).toContain('size_bytes_bucket{le="+Inf",kind="a"} 1');
    expect(text).toContain('size_bytes_bucket{le="10",kind="b"} 1');
    expect(text).toContain('size_bytes_count{kind="b"} 1');
  });

  it('types a counter read at scrape time as a counter', async () => {
    const metrics = new Metrics();
    metrics.counterFrom('published_total', 'Published', () => 7);
    const text = await metrics.render();
    expect(text).toContain('# TYPE published_total counter');
    expect(text).toContain('published_total 7');
  });

  it('renders labelled counters read at scrape time', async () => {
    const metrics = new Metrics();
    metrics.countersFrom('retries_total', 'Retries', 'outcome', async () => ({
      applied: 2,
      failed: 1,
    }));
    const text = await metrics.render();
    expect(text).toContain('# TYPE retries_total counter');
    expect(text).toContain('retries_total{outcome="applied"} 2');
    expect(text).toContain('retries_total{outcome="failed"} 1');
  });

  it('renders NaN for a gauge whose source fails, and the rest of the scrape', async () => {
    const metrics = new Metrics();
    metrics.gauge('backlog', 'Backlog', () => Promise.reject(new Error('database down')));
    metrics.counter('jobs_total', 'Jobs')();
    const text = await metrics.render();
    expect(text).toContain('backlog NaN');
    expect(text).toContain('jobs_total 1');
  });

  it('includes process and event-loop metrics', async () => {
    const text = await new Metrics().render();
    expect(text).toContain('# TYPE process_cpu_user_seconds_total counter');
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds [\d.e-]+$/m);
  });
});
