import type { Message, Role } from '../api/types';
import { authorName } from './authors';
import { formatTime } from './time';

/** The conversation, chat-style: the customer's messages on one side, the Support Team's on the other. */
export function Thread({ messages, viewer }: { messages: readonly Message[]; viewer: Role }) {
  if (messages.length === 0) return <p className="hint">No messages yet.</p>;
  return (
    <ol className="thread" aria-label="Messages">
      {messages.map((m) => (
        <li key={m.id} className={`bubble from-${m.authorType}`}>
          <p className="author">
            <strong>{authorName(m.authorType, viewer)}</strong>{' '}
            <time dateTime={m.createdAt}>{formatTime(m.createdAt)}</time>
          </p>
          <p className="text">{m.message}</p>
          {m.attachments.length > 0 && (
            <p className="meta">Attached: {m.attachments.map((a) => a.fileName).join(', ')}</p>
          )}
        </li>
      ))}
    </ol>
  );
}
