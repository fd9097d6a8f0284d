import type { FastifyReply } from 'fastify';
import { parseId } from '@app/platform/http/path-id';
import { versionEtag } from './ticket-request';

export const parseTicketId = (raw: string): number => parseId(raw, 'id');

export const setVersionHeaders = (reply: FastifyReply, version: number): void => {
  void reply.header('etag', versionEtag(version));
};
