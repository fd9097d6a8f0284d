import { ApiError } from '@app/platform/http/api-error';
import type { QueuePosition } from '@app/read-model';

/** The opaque queue cursor: the last item's priority rank, last message time (epoch ms) and ticket id. */
// at most 13 digits of milliseconds: up to the year 2286, a time every reader can parse (found by the fuzzer)
export const QUEUE_CURSOR_PATTERN = '^q[0-3]\\.[0-9]{1,13}\\.[1-9][0-9]{0,14}$';
const FORMAT = new RegExp(QUEUE_CURSOR_PATTERN);

export const encodeQueueCursor = (p: QueuePosition): string =>
  `q${p.priorityRank}.${Date.parse(p.lastMessageAt)}.${p.ticketId}`;

/** The position a request's cursor names, null without one; a cursor that is not ours is a 400. */
export function queueCursorFromQuery(cursor: string | undefined): QueuePosition | null {
  if (cursor === undefined) return null;
  if (!FORMAT.test(cursor)) {
    throw new ApiError('VALIDATION_FAILED', 'cursor is not valid', {
      errors: [{ field: 'cursor', messages: ['cursor is not valid'] }],
    });
  }
  const [rank, at, id] = cursor.slice(1).split('.').map(Number);
  return { priorityRank: rank, lastMessageAt: new Date(at).toISOString(), ticketId: id };
}
