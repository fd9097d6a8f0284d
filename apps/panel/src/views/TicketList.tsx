import { useEffect, useState } from 'react';
import { listTickets, problemText } from '../api/client';
import type { Scope } from '../api/client';
import { TICKET_STATUSES } from '../api/types';
import type { TicketStatus, TicketSummary } from '../api/types';
import { StatusBadge, statusText } from '../components/Badges';
import { formatTime } from '../components/time';
import { ticketHref } from '../routes';

const PAGE_SIZE = 10;

export function TicketList({ scope, title }: { scope: Scope; title: string }) {
  const [status, setStatus] = useState<TicketStatus | ''>('');
  const [tickets, setTickets] = useState<TicketSummary[]>([]);
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);

  const load = async (cursor?: string) => {
    setLoading(true);
    setProblem(null);
    try {
      const page = await listTickets(scope, {
        status: status || undefined,
        cursor,
        limit: PAGE_SIZE,
      });
      setTickets((shown) => (cursor ? [...shown, ...page.items] : page.items));
      setNextCursor(page.nextCursor);
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setLoading(false);
    }
  };

  useEffect(() => {
    void load();
  }, [status, scope.accountId, scope.key]);

  return (
    <section aria-labelledby="tickets-title" className="card">
      <div className="section-head">
        <h2 id="tickets-title">{title}</h2>
        <div className="field inline">
          <label htmlFor="status-filter">Status</label>
          <select
            id="status-filter"
            value={status}
            onChange={(e) => setStatus(e.target.value as TicketStatus | '')}
          >
            <option value="">All</option>
            {TICKET_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusText(s)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {!loading && tickets.length === 0 && !problem && <p className="hint">No tickets yet.</p>}
      <ul className="ticket-list">
        {tickets.map((t) => (
          <li key={t.id}>
            <a href={ticketHref(scope.accountId, t.id)}>{t.subject}</a>
            <span className="meta">
              <StatusBadge status={t.status} /> {t.topic} · updated{' '}
              <time dateTime={t.updatedAt}>{formatTime(t.updatedAt)}</time>
            </span>
          </li>
        ))}
      </ul>
      {nextCursor && (
        <button
          type="button"
          className="secondary"
          disabled={loading}
          onClick={() => void load(nextCursor)}
        >
          Show older tickets
        </button>
      )}
      {loading && <p className="hint">Loading…</p>}
    </section>
  );
}
