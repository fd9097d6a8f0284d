import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import type {
  CallHandler,
  ExecutionContext,
  NestInterceptor,
  OnModuleDestroy,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply } from 'fastify';
import { from, lastValueFrom } from 'rxjs';
import type { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/api-key.guard';
import { idempotencyKeyInProgress, idempotencyKeyReused } from './idempotency.errors';
import { idempotencyKeyOf } from './idempotency-key';
import { IdempotencyStore } from './idempotency.store';
import { retryInBackground } from './retry-in-background';

/** Metadata of a route (set by @Idempotent): what of its answer the record keeps. */
export const IDEMPOTENT_RECORDED = 'idempotent:recorded';

const REPLAYED_HEADERS = ['location', 'etag', 'content-type'];
const PURGE_EVERY_MS = 60 * 60 * 1000;
/** Within the minute after which a running claim counts as abandoned and a retry could run it again. */
const RECORD_RETRY_DELAYS_MS = [1_000, 5_000, 15_000, 30_000];

const replayedHeaders = (reply: FastifyReply): Record<string, string> =>
  Object.fromEntries(
    REPLAYED_HEADERS.flatMap((h) => {
      const value = reply.getHeader(h);
      return value === undefined ? [] : [[h, String(value)]];
    }),
  );

const fingerprintOf = (request: AuthenticatedRequest): string =>
  createHash('sha256')
    .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
    .digest('hex');

/**
 * Safe retries: a POST with an Idempotency-Key runs once per API key; the same key and body replay the first
 * response, a different body is 422, and a retry while the first is still running is 409. A failed request
 * releases its key; a done one whose record cannot be written keeps it (a retry is 409, never a second run).
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleDestroy {
  private readonly purgeTimer: NodeJS.Timeout;
  private readonly logger = new Logger('IdempotencyInterceptor');

  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {
    this.purgeTimer = setInterval(
      () => void this.store.purgeExpired().catch(() => 0),
      PURGE_EVERY_MS,
    );
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.method !== 'POST' || !request.principal) return next.handle();
    const key = idempotencyKeyOf(request);
    if (key === undefined) return next.handle();
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ?? 201;
    const recorded =
      this.reflector.get<((body: unknown) => unknown) | undefined>(
        IDEMPOTENT_RECORDED,
        context.getHandler(),
      ) ?? ((body: unknown) => body);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(
      this.run(
        request.principal.apiKeyId,
        key,
        fingerprintOf(request),
        status,
        reply,
        next,
        recorded,
      ),
    );
  }

  private async run(
    apiKeyId: string,
    key: string,
    fingerprint: string,
    status: number,
    reply: FastifyReply,
    next: CallHandler,
    recorded: (body: unknown) => unknown,
  ): Promise<unknown> {
    const claim = await this.store.claim(apiKeyId, key, fingerprint);
    if (claim.outcome === 'mismatch') throw idempotencyKeyReused();
    if (claim.outcome === 'in-progress') throw idempotencyKeyInProgress();
    if (claim.outcome === 'replay') {
      void reply.headers(claim.response.headers).header('idempotent-replayed', 'true');
      return claim.response.body;
    }
    let body: unknown;
    try {
      body = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      await this.store.release(apiKeyId, key).catch(() => undefined);
      throw error;
    }
    // the command is done: a key whose record cannot be written stays claimed, so no retry runs it again
    const response = { status, headers: replayedHeaders(reply), body: recorded(body) };
    const record = () => this.store.complete(apiKeyId, key, response);
    await record().catch((failure: unknown) => this.recordLater(key, record, failure));
    return body;
  }

  /** Retries the record while the claim holds: a running claim counts as abandoned after 60 s. */
  private recordLater(key: string, record: () => Promise<void>, failure: unknown): void {
    const warn = (f: unknown) =>
      this.logger.warn(`could not complete Idempotency-Key ${key}: ${String(f)}`);
    warn(failure);
    void retryInBackground(record, RECORD_RETRY_DELAYS_MS, warn).then((recorded) => {
      if (!recorded) this.logger.error(`gave up completing Idempotency-Key ${key}`);
    });
  }
}
