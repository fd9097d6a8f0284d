import { ApiError } from '@app/platform/http/api-error';

/** An opaque page cursor: a letter naming the list, then the positive number the next page starts after. */
export class PageCursor {
  /** The exact set of cursors the route accepts, as the OpenAPI document states it. */
  readonly pattern: string;
  private readonly format: RegExp;

  constructor(
    private readonly letter: string,
    maxDigits: number,
  ) {
    this.pattern = `^${letter}[1-9][0-9]{0,${maxDigits - 1}}$`;
    this.format = new RegExp(this.pattern);
  }

  encode(position: number): string {
    return `${this.letter}${position}`;
  }

  decode(cursor: string): number | undefined {
    return this.format.test(cursor) ? Number(cursor.slice(1)) : undefined;
  }

  /** The position a request's cursor names, `whenAbsent` without one; a cursor that is not ours is a 400. */
  fromQuery<T>(cursor: string | undefined, whenAbsent: T, field = 'cursor'): number | T {
    if (cursor === undefined) return whenAbsent;
    const position = this.decode(cursor);
    if (position === undefined) {
      throw new ApiError('VALIDATION_FAILED', `${field} is not valid`, {
        errors: [{ field, messages: [`${field} is not valid`] }],
      });
    }
    return position;
  }
}

/** GET /api/Ticket: the id of the last ticket of the page (newest first). */
export const ticketListCursor = new PageCursor('t', 15);

/** GET /api/Ticket/{id}/messages: the id of the oldest message the caller has (encoded by the read model). */
export const messageCursor = new PageCursor('m', 15);

/** GET /api/Ticket/{id}/history: the version of the last event of the page. */
export const historyCursor = new PageCursor('h', 9);

/** GET /api/webhooks/{id}/deliveries: the id of the last delivery of the page (newest first). */
export const deliveryCursor = new PageCursor('d', 15);
