import { useState } from 'react';
import { changeStatus, problemText, resolveTicket } from '../api/client';
import type { Scope } from '../api/client';
import { SETTABLE_STATUSES } from '../api/types';
import type { SettableStatus, Ticket } from '../api/types';
import { statusText } from '../components/Badges';

interface Props {
  scope: Scope;
  ticket: Ticket;
  onChanged: (version: number) => Promise<void>;
}

/** What only a staff key may do: resolve, and move between Open, In progress and Awaiting customer. */
export function StaffControls({ scope, ticket, onChanged }: Props) {
  const [status, setStatus] = useState<SettableStatus>('InProgress');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<{ version: number }>) => {
    setBusy(true);
    setProblem(null);
    try {
      await onChanged((await action()).version);
    } catch (error) {
      setProblem(problemText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="card staff" aria-labelledby="staff-title">
      <h2 id="staff-title">Staff actions</h2>
      <div className="staff-actions">
        <div className="field inline">
          <label htmlFor="set-status">Status</label>
          <select
            id="set-status"
            value={status}
            onChange={(e) => setStatus(e.target.value as SettableStatus)}
          >
            {SETTABLE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {statusText(s)}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="secondary"
            disabled={busy || status === ticket.status}
            onClick={() => void run(() => changeStatus(scope, ticket.id, status))}
          >
            Change status
          </button>
        </div>
        <button
          type="button"
          disabled={busy || ticket.status === 'Resolved'}
          onClick={() => void run(() => resolveTicket(scope, ticket.id))}
        >
          Resolve
        </button>
      </div>
      <p className="error" role="alert">
        {problem}
      </p>
    </section>
  );
}
