import type { FastifyReply } from 'fastify';
import { parseId } from '@app/ticket-store';
import { etagOf } from './ticket.responses';

export { requestContext } from '@app/ticket-store';

export const parseTicketId = (raw: string): number => parseId(raw, 'id');

export const setVersionHeaders = (reply: FastifyReply, version: number): void => {
  void reply.header('etag', etagOf(version));
};
