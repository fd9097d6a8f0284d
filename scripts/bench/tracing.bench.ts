// `npm run bench:tracing`: what tracing adds to a command's hot path, side by side: nothing (the code before
// tracing), tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT: the checks the request, the append, the relay and the
// consumer make) and tracing on (the SDK making the four spans of one command, exported to a sink that drops).
//
// CPU only: no servers. Bounded: BENCH_TRACING_OPS operations per run (default 200,000), BENCH_TRACING_RUNS
// runs (default 7), median reported.
import type { ExportResult } from '@opentelemetry/core';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { requestTrace } from '@app/platform/tracing/http-tracing';
import { OtelTracing } from '@app/platform/tracing/otel-tracing';
import { tracing, useTracing } from '@app/platform/tracing/tracing';
import type { TraceContext, Tracing } from '@app/platform/tracing/tracing.port';

const OPS = Number(process.env.BENCH_TRACING_OPS ?? 200_000);
const RUNS = Number(process.env.BENCH_TRACING_RUNS ?? 7);

const dropAll: SpanExporter = {
  export: (_spans: ReadableSpan[], done: (result: ExportResult) => void) => done({ code: 0 }),
  shutdown: () => Promise.resolve(),
};

interface Context {
  requestId: string;
  trace?: TraceContext;
}
const request = { id: 'req-1' };
let sink = 0;

/** What a command does around tracing, without it: build its context, append, publish, project. */
function untraced(): void {
  const context: Context = { requestId: request.id };
  sink += context.requestId.length;
}

/** The same with the branches the traced code takes: one span per step when on, a flag check when off. */
function traced(): void {
  const context: Context = { requestId: request.id, trace: requestTrace(request) };
  const current: Tracing = tracing();
  if (!current.enabled) {
    sink += context.requestId.length;
    return;
  }
  const server = current.startSpan('POST /api/Ticket/:id/message', 'server', undefined);
  const append = current.startSpan('ticket append', 'internal', server.context);
  const publish = current.startSpan('ticket-events publish', 'producer', append.context);
  const project = current.startSpan('ticket-events project', 'consumer', publish.context);
  for (const span of [project, publish, append, server]) span.end();
  sink += context.requestId.length;
}

function nsPerOp(work: () => void, ops: number): number {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < ops; i++) work();
    times.push(Number(process.hrtime.bigint() - start) / ops);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

async function main(): Promise<void> {
  const before = nsPerOp(untraced, OPS);
  const off = nsPerOp(traced, OPS);
  const otel = new OtelTracing('bench', new BatchSpanProcessor({ exporter: dropAll }));
  const restore = useTracing(otel);
  const on = nsPerOp(traced, Math.max(1, Math.floor(OPS / 20)));
  restore();
  await otel.shutdown();
  const rows = [
    ['without tracing code', before],
    ['tracing off (no endpoint)', off],
    ['tracing on (4 spans, dropped)', on],
  ] as const;
  console.log(`per command, median of ${RUNS} runs (${OPS} ops; ${OPS / 20} when on)`);
  for (const [name, ns] of rows) console.log(`${name.padEnd(32)} ${ns.toFixed(1).padStart(10)} ns`);
  console.log(`off - without: ${(off - before).toFixed(1)} ns per command (sink ${sink > 0})`);
}

void main();
