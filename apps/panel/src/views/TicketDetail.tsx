import { useEffect, useRef, useState } from 'react';
import { closeTicket, problemText } from '../api/client';
import type { Scope } from '../api/client';
import type { Role, Ticket } from '../api/types';
import { AttachmentList } from '../components/AttachmentList';
import { StatusBadge, TopicBadge } from '../components/Badges';
import { ConfirmCloseDialog } from '../components/ConfirmCloseDialog';
import { Thread } from '../components/Thread';
import { formatTime } from '../components/time';
import { contactHref } from '../routes';
import { ReplyBox } from './ReplyBox';
import { StaffControls } from './StaffControls';
import { useLiveTicket } from './useLiveTicket';
import { useThread } from './useThread';

interface Props {
  scope: Scope;
  role: Role;
  ticketId: number;
}

/** The seed's detail view: badges, property, created date, description, attachments, thread, reply, close. */
export function TicketDetail({ scope, role, ticketId }: Props) {
  const { ticket, problem, refresh } = useLiveTicket(scope, ticketId);
  return (
    <>
      <p>
        <a href={contactHref(scope.accountId)}>← All tickets</a>
      </p>
      {problem && (
        <p className="error" role="alert">
          {problem}
        </p>
      )}
      {!ticket ? (
        !problem && <p className="hint">Loading…</p>
      ) : (
        <TicketView scope={scope} role={role} ticket={ticket} refresh={refresh} />
      )}
    </>
  );
}

function TicketView({
  scope,
  role,
  ticket,
  refresh,
}: {
  scope: Scope;
  role: Role;
  ticket: Ticket;
  refresh: (minVersion?: number) => Promise<void>;
}) {
  const closed = ticket.status === 'Closed';
  const closedHeading = useRef<HTMLHeadingElement>(null);
  const wasClosed = useRef(closed);
  useEffect(() => {
    // the Close Ticket button that had focus is gone: give it to what replaced it
    if (closed && !wasClosed.current) closedHeading.current?.focus();
    wasClosed.current = closed;
  }, [closed]);
  return (
    <article className="ticket" aria-labelledby="ticket-title">
      <header className="ticket-head">
        <h1 id="ticket-title">{ticket.subject}</h1>
        <p className="badges">
          <StatusBadge status={ticket.status} /> <TopicBadge topic={ticket.topic} />
        </p>
        <dl className="facts">
          <div>
            <dt>Ticket</dt>
            <dd>#{ticket.id}</dd>
          </div>
          {ticket.propertyId && (
            <div>
              <dt>Property</dt>
              <dd>{ticket.propertyId}</dd>
            </div>
          )}
          <div>
            <dt>Created</dt>
            <dd>
              <time dateTime={ticket.createdAt}>{formatTime(ticket.createdAt)}</time>
            </dd>
          </div>
        </dl>
      </header>
      <section className="card" aria-labelledby="description-title">
        <h2 id="description-title">Description</h2>
        <p className="text">{ticket.description}</p>
      </section>
      <section className="card" aria-labelledby="attachments-title">
        <h2 id="attachments-title">Attachments</h2>
        <AttachmentList scope={scope} attachments={ticket.attachments} viewer={role} />
      </section>
      <section className="card" aria-labelledby="conversation-title">
        <h2 id="conversation-title">Conversation</h2>
        <Conversation scope={scope} role={role} ticket={ticket} />
      </section>
      {role === 'staff' && !closed && (
        <StaffControls scope={scope} ticket={ticket} onChanged={refresh} />
      )}
      {closed ? (
        <section className="card notice" aria-labelledby="closed-title">
          <h2 id="closed-title" tabIndex={-1} ref={closedHeading}>
            This ticket is closed
          </h2>
          <p>Closed tickets are locked: no further messages can be added.</p>
          <a className="button" href={contactHref(scope.accountId)}>
            Open a new ticket
          </a>
        </section>
      ) : (
        <>
          {ticket.status === 'Resolved' && role === 'customer' && <ResolvedWarning />}
          <ReplyBox scope={scope} ticketId={ticket.id} onSent={refresh} />
          <CloseTicket scope={scope} ticketId={ticket.id} onClosed={refresh} />
        </>
      )}
    </article>
  );
}

/** The thread's latest page, and a button that fetches the messages before it, a page at a time. */
function Conversation({ scope, role, ticket }: { scope: Scope; role: Role; ticket: Ticket }) {
  const thread = useThread(scope, ticket);
  return (
    <>
      {thread.older && (
        <p className="older-messages">
          <button
            type="button"
            className="secondary"
            disabled={thread.loading}
            onClick={() => void thread.loadOlder()}
          >
            {thread.loading ? 'Loading…' : 'Load older messages'}
          </button>
          <span className="hint">{thread.older.count} older messages</span>
        </p>
      )}
      <p className="error" role="alert">
        {thread.problem}
      </p>
      <Thread messages={thread.messages} viewer={role} />
    </>
  );
}

function ResolvedWarning() {
  return (
    <div className="warning" role="note" aria-labelledby="resolved-title">
      <p id="resolved-title">
        <strong>Replying to a Resolved ticket reopens it</strong>
      </p>
      <p>
        If you add a message, the ticket goes back to Open. If you&apos;re satisfied, don&apos;t
        reply; close it instead, or open a fresh ticket for a new question.
      </p>
    </div>
  );
}

function CloseTicket({
  scope,
  ticketId,
  onClosed,
}: {
  scope: Scope;
  ticketId: number;
  onClosed: (version: number) => Promise<void>;
}) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const confirm = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const closed = await closeTicket(scope, ticketId);
      setAsking(false);
      await onClosed(closed.version);
    } catch (error) {
      setAsking(false);
      setProblem(problemText(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="close-ticket">
      <button type="button" className="danger" onClick={() => setAsking(true)}>
        Close Ticket
      </button>
      <p className="error" role="alert">
        {problem}
      </p>
      <ConfirmCloseDialog
        open={asking}
        busy={busy}
        onCancel={() => setAsking(false)}
        onConfirm={() => void confirm()}
      />
    </div>
  );
}
