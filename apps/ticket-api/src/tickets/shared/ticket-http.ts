import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from '@app/platform/http/api-error';
import type { Principal } from '@app/platform/auth/principal';
import type { RequestContext } from '@app/ticket-store';
import { etagOf } from './ticket.responses';

const IF_MATCH = /^(?:W\/)?"(\d+)"$/;

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
});

export function parseTicketId(raw: string): number {
  const id = Number(raw);
  if (!/^\d{1,15}$/.test(raw) || !Number.isSafeInteger(id) || id < 1) {
    throw new ApiError('VALIDATION_FAILED', 'The ticket id must be a positive integer.', {
      errors: [{ field: 'id', messages: ['id must be a positive integer'] }],
    });
  }
  return id;
}

export const setVersionHeaders = (reply: FastifyReply, version: number): void => {
  void reply.header('etag', etagOf(version));
};
