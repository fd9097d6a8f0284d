import type { FastifyRequest } from 'fastify';
import type { Principal } from '@app/platform/auth/principal';
import { ApiError } from '@app/platform/http/api-error';
import { requestTrace } from '@app/platform/tracing/http-tracing';
import type { RequestContext } from '@app/ticket-store';

/** A version's ETag as If-Match takes it (versions start at 1); the OpenAPI document states the same. */
export const IF_MATCH_ETAG_PATTERN = '^(W/)?"[1-9][0-9]{0,14}"$';
const IF_MATCH = /^(?:W\/)?"([1-9]\d{0,14})"$/;
const VERSION_TAG = /^(?:W\/)?"(\d+)"$/;

/** A ticket's version as an ETag: what responses carry and If-Match sends back. */
export const versionEtag = (version: number): string => `"${version}"`;

/** The versions an If-None-Match header names; none when absent, * or not version ETags. */
export function knownVersions(header: string | string[] | undefined): number[] {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return [];
  return value
    .split(',')
    .map((tag) => VERSION_TAG.exec(tag.trim()))
    .filter((match) => match !== null)
    .map((match) => Number(match[1]));
}

/** If-Match: "<version>"; absent or * asks for no particular version. */
function expectedVersion(request: FastifyRequest): number | undefined {
  const header = request.headers['if-match'];
  if (header === undefined || header === '*') return undefined;
  const match = IF_MATCH.exec(header.trim());
  if (!match) throw new ApiError('VALIDATION_FAILED', 'If-Match must be an ETag such as "3".');
  return Number(match[1]);
}

export const requestContext = (request: FastifyRequest, principal: Principal): RequestContext => ({
  principal,
  requestId: request.id,
  expectedVersion: expectedVersion(request),
  trace: requestTrace(request),
});
