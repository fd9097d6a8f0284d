import type { Message } from '../api/types';

/** One thread from pages fetched at different times: each message once, in thread order (by id). */
export function mergeThread(...pages: readonly (readonly Message[])[]): Message[] {
  const byId = new Map<number, Message>();
  for (const page of pages) for (const m of page) byId.set(m.id, m);
  return [...byId.values()].sort((a, b) => a.id - b.id);
}

/** Messages of `previous` older than the first of `latest`: they left the latest page as new ones came. */
export const leftTheLatestPage = (
  previous: readonly Message[],
  latest: readonly Message[],
): Message[] => {
  const first = latest[0]?.id ?? Number.POSITIVE_INFINITY;
  return previous.filter((m) => m.id < first);
};
