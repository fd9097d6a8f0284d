import { ApiError } from '@app/platform/http/api-error';

/** An opaque cursor over a position that is a whole number: `<tag>:<n>` in base64url. */
export class PageCursor {
  private readonly pattern: RegExp;

  constructor(
    private readonly tag: string,
    maxDigits: number,
  ) {
    this.pattern = new RegExp(`^${tag}:(\\d{1,${maxDigits}})$`);
  }

  encode(position: number): string {
    return Buffer.from(`${this.tag}:${position}`).toString('base64url');
  }

  decode(cursor: string): number | undefined {
    const match = this.pattern.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    return match ? Number(match[1]) : undefined;
  }

  /** The position a request's cursor names, `whenAbsent` without one; a cursor that is not ours is a 400. */
  fromQuery<T>(cursor: string | undefined, whenAbsent: T): number | T {
    if (cursor === undefined) return whenAbsent;
    const position = this.decode(cursor);
    if (position === undefined) {
      throw new ApiError('VALIDATION_FAILED', 'cursor is not valid', {
        errors: [{ field: 'cursor', messages: ['cursor is not valid'] }],
      });
    }
    return position;
  }
}

/** GET /api/Ticket: the id of the last ticket of the page (newest first). */
export const ticketListCursor = new PageCursor('t', 15);

/** GET /api/Ticket/{id}/history: the version of the last event of the page. */
export const historyCursor = new PageCursor('h', 9);

/** GET /api/webhooks/{id}/deliveries: the id of the last delivery of the page (newest first). */
export const deliveryCursor = new PageCursor('d', 15);
