import { useEffect, useState } from 'react';

/** Views by URL hash, so the gateway only serves / and the assets; the key is never part of it. */
export type Route =
  { view: 'contact'; accountId?: string } | { view: 'ticket'; accountId: string; ticketId: number };

/** The hash's path segments, decoded; null when one is not valid percent-encoding (a stray `%`). */
function segmentsOf(hash: string): string[] | null {
  try {
    return hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  } catch {
    return null;
  }
}

/** The view a hash names; the home page (contact) for any hash that names none, malformed ones included. */
export function parseRoute(hash: string): Route {
  const parts = segmentsOf(hash);
  if (!parts) return { view: 'contact' };
  if (parts[0] === 'accounts' && parts[1]) {
    const ticketId = Number(parts[3]);
    if (parts[2] === 'tickets' && Number.isSafeInteger(ticketId) && ticketId > 0) {
      return { view: 'ticket', accountId: parts[1], ticketId };
    }
    return { view: 'contact', accountId: parts[1] };
  }
  return { view: 'contact' };
}

export const contactHref = (accountId: string): string =>
  `#/accounts/${encodeURIComponent(accountId)}`;

export const ticketHref = (accountId: string, ticketId: number): string =>
  `${contactHref(accountId)}/tickets/${ticketId}`;

export function useHashRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
