import { Catch, HttpException, Logger } from '@nestjs/common';
import type { ArgumentsHost, ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './api-error';
import type { ApiErrorCode } from './api-error';
import { ERROR_CATALOG } from './error-catalog';
import type { ErrorMapper, ProblemKind } from './error-catalog';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem-details';
import type { FieldError, ProblemDetails } from './problem-details';
import type { RouteTable } from './route-table';

interface Mapped {
  code: string;
  kind: ProblemKind;
  detail: string;
  errors?: readonly FieldError[];
  headers?: Record<string, string>;
}

const FASTIFY_CODES: Record<string, ApiErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_BODY',
  FST_ERR_CTP_BODY_TOO_LARGE: 'PAYLOAD_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_REQ_FILE_TOO_LARGE: 'FILE_TOO_LARGE',
};

const api = (
  code: ApiErrorCode,
  detail: string,
  extras: Omit<Mapped, 'code' | 'kind' | 'detail'> = {},
): Mapped => ({
  code,
  kind: ERROR_CATALOG[code],
  detail,
  ...extras,
});

/** The one place where every error becomes an application/problem+json response. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(
    private readonly routes: RouteTable,
    private readonly featureErrors: readonly ErrorMapper[] = [],
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const mapped = this.map(exception, request);
    const { kind } = mapped;
    const body: ProblemDetails = {
      type: problemType(mapped.code),
      title: kind.title,
      status: kind.status,
      detail: mapped.detail,
      code: mapped.code,
      instance: request.url.split('?')[0],
      ...(mapped.errors ? { errors: mapped.errors } : {}),
    };
    if (reply.sent) return;
    void reply
      .status(kind.status)
      .headers(mapped.headers ?? {})
      .header('content-type', PROBLEM_CONTENT_TYPE)
      .send(body);
  }

  private map(exception: unknown, request: FastifyRequest): Mapped {
    for (const mapper of this.featureErrors) {
      const mapped = mapper(exception);
      if (mapped) return mapped;
    }
    if (exception instanceof ApiError) {
      return api(exception.code, exception.message, exception.extras);
    }
    if (exception instanceof HttpException && exception.getStatus() === 404) {
      return this.routeNotFound(request);
    }
    if (exception instanceof HttpException && exception.getStatus() < 500) {
      return this.fromHttpException(exception);
    }
    const fastifyCode = (exception as { code?: string } | null)?.code;
    if (fastifyCode && FASTIFY_CODES[fastifyCode]) {
      return api(FASTIFY_CODES[fastifyCode], (exception as Error).message);
    }
    const status = (exception as { statusCode?: number } | null)?.statusCode;
    if (status === 400) return api('MALFORMED_BODY', (exception as Error).message);
    this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    return api('INTERNAL', 'An unexpected error occurred.');
  }

  private routeNotFound(request: FastifyRequest): Mapped {
    const path = request.url.split('?')[0];
    const allowed = this.routes.allowedMethods(path);
    if (allowed.length > 0) {
      return api('METHOD_NOT_ALLOWED', `${request.method} is not allowed on ${path}.`, {
        headers: { allow: allowed.join(', ') },
      });
    }
    return api('ROUTE_NOT_FOUND', `No route ${request.method} ${path}.`);
  }

  private fromHttpException(exception: HttpException): Mapped {
    const status = exception.getStatus();
    if (status === 413) return api('PAYLOAD_TOO_LARGE', exception.message);
    if (status === 415) return api('UNSUPPORTED_MEDIA_TYPE', exception.message);
    if (status === 401) return api('UNAUTHENTICATED', exception.message);
    if (status === 403) return api('ACCOUNT_FORBIDDEN', exception.message);
    return api('MALFORMED_BODY', exception.message);
  }
}
