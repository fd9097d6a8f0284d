/** An opaque page cursor: a letter naming the list, then the positive number the next page starts after. */
export interface PageCursor {
  /** The exact set of cursors the route accepts, as the OpenAPI document states it. */
  readonly pattern: string;
  encode(position: number): string;
  decode(cursor: string): number | undefined;
}

const pageCursor = (letter: string, maxDigits: number): PageCursor => {
  const pattern = `^${letter}[1-9][0-9]{0,${maxDigits - 1}}$`;
  const format = new RegExp(pattern);
  return {
    pattern,
    encode: (position) => `${letter}${position}`,
    decode: (cursor) => (format.test(cursor) ? Number(cursor.slice(1)) : undefined),
  };
};

/** Tickets before this id, newest first. */
export const TICKET_LIST_CURSOR = pageCursor('t', 15);
/** Events after this version. */
export const HISTORY_CURSOR = pageCursor('h', 9);
/** Deliveries before this id, newest first. */
export const DELIVERY_CURSOR = pageCursor('d', 15);
