import { useState } from 'react';
import type { FormEvent } from 'react';
import { openTicket, problemText, uploadAttachment } from '../api/client';
import type { Scope } from '../api/client';
import { PROPERTY_ID_PATTERN, TEXT_LIMITS } from '../api/limits';
import { useFileChoice } from '../components/FileField';
import { TextWithFile } from '../components/TextWithFile';
import type { Progress } from '../components/UploadProgress';
import { ticketHref } from '../routes';

const TOPICS = ['Billing', 'Access', 'Technical', 'Account', 'Other'];

const DESCRIPTION_FIELD = {
  id: 'description',
  label: 'Description',
  rows: 5,
  maxLength: TEXT_LIMITS.description,
};

/** Opens a ticket, then (a second server step) uploads its optional file against the new ticket id. */
export function OpenTicketForm({ scope }: { scope: Scope }) {
  const [subject, setSubject] = useState('');
  const [description, setDescription] = useState('');
  const [topic, setTopic] = useState('');
  const [propertyId, setPropertyId] = useState('');
  const attachment = useFileChoice();
  const [problem, setProblem] = useState<string | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [busy, setBusy] = useState(false);
  const [openedId, setOpenedId] = useState<number | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const { file } = attachment;
    if (attachment.problem) return;
    setBusy(true);
    setProblem(null);
    let ticketId: number | null = null;
    try {
      const ticket = await openTicket(scope, {
        subject,
        description,
        topic,
        ...(propertyId.trim() ? { propertyId: propertyId.trim() } : {}),
      });
      ticketId = ticket.id;
      if (file) {
        await uploadAttachment(scope, ticket.id, file, {
          onProgress: (sent, total) => setProgress({ fileName: file.name, sent, total }),
        });
      }
      window.location.hash = ticketHref(scope.accountId, ticket.id);
    } catch (error) {
      setOpenedId(ticketId);
      setProblem(
        ticketId === null
          ? problemText(error)
          : `Your ticket was opened, but the file was not attached: ${problemText(error)}`,
      );
      setBusy(false);
      setProgress(null);
    }
  };

  return (
    <section aria-labelledby="open-title" className="card">
      <h2 id="open-title">Open a ticket</h2>
      <form onSubmit={(e) => void submit(e)}>
        <div className="field">
          <label htmlFor="subject">Subject</label>
          <input
            id="subject"
            required
            maxLength={TEXT_LIMITS.subject}
            value={subject}
            onChange={(e) => setSubject(e.target.value)}
            aria-describedby="subject-hint"
          />
          <p className="hint" id="subject-hint">
            Up to {TEXT_LIMITS.subject} characters.
          </p>
        </div>
        <div className="field">
          <label htmlFor="topic">Topic</label>
          <input
            id="topic"
            required
            list="topics"
            maxLength={TEXT_LIMITS.topic}
            value={topic}
            onChange={(e) => setTopic(e.target.value)}
            aria-describedby="topic-hint"
          />
          <datalist id="topics">
            {TOPICS.map((t) => (
              <option key={t} value={t} />
            ))}
          </datalist>
          <p className="hint" id="topic-hint">
            For example Billing or Access; up to {TEXT_LIMITS.topic} characters.
          </p>
        </div>
        <div className="field">
          <label htmlFor="property">Property (optional)</label>
          <input
            id="property"
            pattern={PROPERTY_ID_PATTERN}
            maxLength={TEXT_LIMITS.propertyId}
            value={propertyId}
            onChange={(e) => setPropertyId(e.target.value)}
            aria-describedby="property-hint"
          />
          <p className="hint" id="property-hint">
            Letters, digits and _ . : - only; up to {TEXT_LIMITS.propertyId} characters.
          </p>
        </div>
        <TextWithFile
          text={{ ...DESCRIPTION_FIELD, value: description, onChange: setDescription }}
          {...{ attachment, progress, busy }}
        />
        <p className="error" role="alert">
          {problem}
          {openedId !== null && (
            <>
              {' '}
              <a href={ticketHref(scope.accountId, openedId)}>Go to the ticket</a>
            </>
          )}
        </p>
        <button type="submit" disabled={busy || attachment.problem !== null}>
          {busy ? 'Opening…' : 'Open ticket'}
        </button>
      </form>
    </section>
  );
}
