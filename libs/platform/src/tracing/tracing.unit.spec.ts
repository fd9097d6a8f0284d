import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { messageTrace } from '../kafka/kafka-trace';
import { httpTracingHooks, requestTrace } from './http-tracing';
import { OtelTracing } from './otel-tracing';
import { inSpan, NO_TRACING } from './tracing.port';

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-01$/;

describe('tracing', () => {
  it('without an OTLP endpoint starts no SDK: the SDK module is never loaded and spans carry no context', () => {
    jest.isolateModules(() => {
      jest.doMock('./otel-tracing', () => {
        throw new Error('the SDK was loaded');
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { startTracing, tracing } = require('./tracing') as typeof import('./tracing');
      expect(startTracing('ticket-api', undefined).enabled).toBe(false);
      expect(startTracing('ticket-api', '').enabled).toBe(false);
      expect(tracing().enabled).toBe(false);
      expect(tracing().startSpan('x', 'server', undefined).context).toEqual({});
    });
  });

  it('links spans across processes by their W3C context: request, append, publish, projection in one trace', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = new OtelTracing('test', new SimpleSpanProcessor({ exporter }));
    const caller = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

    const request = tracing.startSpan('POST /api/Ticket', 'server', { traceparent: caller });
    const append = await inSpan(tracing, 'ticket append', 'internal', request.context, async (s) =>
      Promise.resolve(s.context),
    );
    const publish = tracing.startSpan('ticket-events publish', 'producer', append);
    const headers = { traceparent: Buffer.from(publish.context.traceparent!) };
    await inSpan(tracing, 'ticket-events project', 'consumer', messageTrace(headers), () =>
      Promise.resolve(),
    );
    publish.end();
    request.end();

    const spans = exporter.getFinishedSpans();
    const byName = new Map(spans.map((s) => [s.name, s]));
    const idOf = (name: string) => byName.get(name)!.spanContext().spanId;
    const parentOf = (name: string) => byName.get(name)!.parentSpanContext?.spanId;
    expect(new Set(spans.map((s) => s.spanContext().traceId))).toEqual(
      new Set(['0af7651916cd43dd8448eb211c80319c']),
    );
    expect(parentOf('POST /api/Ticket')).toBe('b7ad6b7169203331');
    expect(parentOf('ticket append')).toBe(idOf('POST /api/Ticket'));
    expect(parentOf('ticket-events publish')).toBe(idOf('ticket append'));
    expect(parentOf('ticket-events project')).toBe(idOf('ticket-events publish'));
    expect(append.traceparent).toMatch(TRACEPARENT);
    await tracing.shutdown();
  });

  it('marks a span whose work throws as failed and rethrows', async () => {
    const exporter = new InMemorySpanExporter();
    const tracing = new OtelTracing('test', new SimpleSpanProcessor({ exporter }));
    await expect(
      inSpan(tracing, 'fails', 'internal', undefined, () => Promise.reject(new Error('boom'))),
    ).rejects.toThrow('boom');
    expect(exporter.getFinishedSpans()[0].status.code).toBe(2);
  });

  it('off, every span is the same no-op with an empty context', () => {
    const span = NO_TRACING.startSpan('x', 'consumer', { traceparent: 'anything' });
    expect(span).toBe(NO_TRACING.startSpan('y', 'server', undefined));
    expect(span.context).toEqual({});
  });

  it("makes a server span per API request, the caller's traceparent its parent, and none for probes", async () => {
    const exporter = new InMemorySpanExporter();
    const hooks = httpTracingHooks(new OtelTracing('test', new SimpleSpanProcessor({ exporter })));
    const caller = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
    const reply = { statusCode: 201 };
    const apiRequest = {
      method: 'POST',
      headers: { traceparent: caller },
      routeOptions: { url: '/api/Ticket' },
    };
    const probe = {
      method: 'GET',
      headers: { traceparent: caller },
      routeOptions: { url: '/readyz' },
    };
    for (const request of [apiRequest, probe]) {
      await hooks.onRequest(request);
      await hooks.onResponse(request, reply);
    }
    const spans = exporter.getFinishedSpans();
    expect(
      spans.map((s) => [
        s.name,
        s.parentSpanContext?.spanId,
        s.attributes['http.response.status_code'],
      ]),
    ).toEqual([['POST /api/Ticket', 'b7ad6b7169203331', 201]]);
    expect(requestTrace(apiRequest)?.traceparent).toContain(spans[0].spanContext().spanId);
    expect(requestTrace(probe)).toBeUndefined();
  });
});
